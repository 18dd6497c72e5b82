using ReplicationManager.Core.Options.Keys;

namespace ReplicationManager.Core.Options;

/// <summary>How a cluster's primary may change: the failover gate, the switchover drain, the checks on candidates.</summary>
public sealed record FailoverOptions(
    bool Automatic,
    int Limit,
    TimeSpan TimeLimit,
    bool AtSync,
    bool FalsePositiveHeartbeat,
    TimeSpan FalsePositiveHeartbeatTimeout,
    bool ReadOnlyState,
    string PreScript,
    string PostScript,
    TimeSpan WaitKill,
    TimeSpan WaitTrx,
    TimeSpan WaitWriteQuery,
    bool SwitchoverAtSync,
    bool SwitchoverAtEqualGtid,
    bool SwitchoverLowerRelease,
    bool CheckReplicationFilters,
    bool CheckReplicationState,
    bool Autorejoin)
{
    internal static FailoverOptions From(ConfigSection section) => new(
        section.Get(FailoverKeys.Mode) == "automatic",
        section.Get(FailoverKeys.Limit),
        section.Get(FailoverKeys.TimeLimit),
        section.Get(FailoverKeys.AtSync),
        section.Get(FailoverKeys.FalsePositiveHeartbeat),
        section.Get(FailoverKeys.FalsePositiveHeartbeatTimeout),
        section.Get(FailoverKeys.ReadOnlyState),
        section.Get(FailoverKeys.PreScript),
        section.Get(FailoverKeys.PostScript),
        section.Get(FailoverKeys.WaitKill),
        section.Get(FailoverKeys.WaitTrx),
        section.Get(FailoverKeys.WaitWriteQuery),
        section.Get(FailoverKeys.SwitchoverAtSync),
        section.Get(FailoverKeys.SwitchoverAtEqualGtid),
        section.Get(FailoverKeys.SwitchoverLowerRelease),
        section.Get(FailoverKeys.CheckReplicationFilters),
        section.Get(FailoverKeys.CheckReplicationState),
        section.Get(FailoverKeys.Autorejoin));

    /// <summary>Defaults, for tests and tools that build options without a file.</summary>
    public static FailoverOptions Default { get; } = new(false, 5, TimeSpan.Zero, false, true, TimeSpan.FromSeconds(3), true, "", "",
        TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10), false, false, false, true, true, true);
}
