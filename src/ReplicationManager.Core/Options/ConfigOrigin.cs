namespace ReplicationManager.Core.Options;

/// <summary>Where a configuration value was written: file, line and column (1-based).</summary>
public sealed record ConfigOrigin(string File, int Line, int Column)
{
    /// <summary>The value was not written anywhere: it is the key's default.</summary>
    public static ConfigOrigin Default { get; } = new("(default)", 0, 0);

    public bool IsDefault => Line == 0;

    public override string ToString() => IsDefault ? File : $"{File}:{Line}:{Column}";
}
