namespace ReplicationManager.Core.Options;

/// <summary>How bad a configuration finding is.</summary>
public enum ConfigSeverity
{
    /// <summary>Worth knowing; the start goes on (a recognized key repman does not act on).</summary>
    Information,

    /// <summary>Probably a mistake; the start goes on (an unknown key, a key in the wrong section).</summary>
    Warning,

    /// <summary>The start stops: a wrong type or value, a missing required key.</summary>
    Error,
}
