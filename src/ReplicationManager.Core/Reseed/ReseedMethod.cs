namespace ReplicationManager.Core.Reseed;

/// <summary>Where a reseed takes its data from: replication-manager's <c>actions/reseed/{method}</c>.</summary>
public enum ReseedMethod
{
    /// <summary><c>physicalbackup</c>: the newest checked physical backup (or one named), sent to the joiner's SST port.</summary>
    PhysicalBackup,

    /// <summary><c>logicalbackup</c>: the newest logical backup, restored over SQL by repman.</summary>
    LogicalBackup,

    /// <summary><c>logicalmaster</c>: a dump of the primary piped straight into the joiner by repman.</summary>
    LogicalMaster,
}

public static class ReseedMethods
{
    public static IReadOnlyDictionary<string, ReseedMethod> ByRouteName { get; } = new Dictionary<string, ReseedMethod>(StringComparer.Ordinal)
    {
        ["physicalbackup"] = ReseedMethod.PhysicalBackup,
        ["logicalbackup"] = ReseedMethod.LogicalBackup,
        ["logicalmaster"] = ReseedMethod.LogicalMaster,
    };
}
