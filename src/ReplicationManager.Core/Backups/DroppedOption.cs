namespace ReplicationManager.Core.Backups;

/// <summary>A configured tool option repman did not pass, named without its value (a value may be a secret), and why.</summary>
public sealed record DroppedOption(string Option, string Reason)
{
    public override string ToString() => $"{Option} ({Reason})";
}
