namespace ReplicationManager.Core.Options;

/// <summary>The type a recognized replication-manager key must have.</summary>
internal enum RecognizedKind
{
    /// <summary>true or false (also written as a string).</summary>
    Boolean,

    /// <summary>A whole number (also written as a string).</summary>
    Number,

    /// <summary>Any string.</summary>
    Text,

    /// <summary>Any scalar: an old alias whose type changed between versions.</summary>
    Any,
}
