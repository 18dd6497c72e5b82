namespace ReplicationManager.Core.Failover;

/// <summary>A step could not be done; the message says why in the operator's terms.</summary>
internal sealed class StepFailedException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The false-positive check found the primary alive.</summary>
internal sealed class FailoverVetoedException(string evidence) : Exception(evidence);
