namespace ReplicationManager.Core.Options;

/// <summary>Every wait of a job has a bound; when one runs out the job ends in error naming that wait.</summary>
public sealed record JobTimeouts(TimeSpan Start, TimeSpan StreamAccept, TimeSpan StreamIdle, TimeSpan PostJob, TimeSpan PortWait);
