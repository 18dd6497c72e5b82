namespace ReplicationManager.IntegrationTests.Lab;

/// <summary>One database host of the lab: its own loopback address with the standard ports.</summary>
public sealed record LabHost(
    int Index,
    string Address,
    int Port,
    int ExtraPort,
    int ServerId,
    string DataDir,
    string Socket,
    string ErrorLog,
    string SlowLog)
{
    /// <summary>The name lab.sh accepts for this host.</summary>
    public string Name => $"db{Index}";

    public override string ToString() => $"{Name} ({Address}:{Port})";
}
