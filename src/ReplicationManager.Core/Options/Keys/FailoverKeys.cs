using static ReplicationManager.Core.Options.ConfigScope;

namespace ReplicationManager.Core.Options.Keys;

/// <summary>Switchover and failover: when repman may change the primary, how it drains the old one, what it checks first.</summary>
public static class FailoverKeys
{
    public static readonly ConfigKey<string> Mode = Define.OneOf("failover-mode", "manual", ["manual", "automatic"],
        "manual: a failed primary is reported and an operator starts the failover through the API; automatic: repman fails over by itself.");

    public static readonly ConfigKey<int> Limit = Define.Int("failover-limit", 5, 0, 100000,
        "Failovers repman may do before an operator resets the counter (reset-failover-control); 0 is unlimited.");

    public static readonly ConfigKey<TimeSpan> TimeLimit = Define.Seconds("failover-time-limit", 0, 0,
        "Seconds that must pass after a failover or switchover before the next failover; 0 does not wait.");

    public static readonly ConfigKey<bool> AtSync = Define.Bool("failover-at-sync", false,
        "Fail over only when semi-synchronous replication was in sync at the primary's last reading.");

    public static readonly ConfigKey<bool> FalsePositiveHeartbeat = Define.Bool("failover-falsepositive-heartbeat", true,
        "Before failing over, ask every replica whether it still receives from the primary; one that does vetoes the failover.");

    public static readonly ConfigKey<TimeSpan> FalsePositiveHeartbeatTimeout = Define.Seconds("failover-falsepositive-heartbeat-timeout", 3, 1,
        "Seconds without events from the primary after which a replica's IO thread counts as cut off.");

    public static readonly ConfigKey<bool> ReadOnlyState = Define.Bool("failover-readonly-state", true,
        "Set read_only on every replica after a switchover or failover.").AlsoNamed("readonly");

    public static readonly ConfigKey<string> PreScript = Define.Path("failover-pre-script", "",
        "Program run before the primary changes, with the old and new primary as arguments; a failure aborts a switchover.").AlsoNamed("pre-failover-script");

    public static readonly ConfigKey<string> PostScript = Define.Path("failover-post-script", "",
        "Program run after the new primary accepts writes, with the old and new primary as arguments.").AlsoNamed("post-failover-script");

    public static readonly ConfigKey<TimeSpan> WaitKill = Define.Milliseconds("switchover-wait-kill", 5000, 0,
        "Milliseconds a switchover lets sessions on the old primary finish before it kills them.").AlsoNamed("wait-kill");

    public static readonly ConfigKey<TimeSpan> WaitTrx = Define.Seconds("switchover-wait-trx", 10, 1,
        "Seconds a switchover waits for FLUSH TABLES WITH READ LOCK on the old primary before it gives up (and undoes).").AlsoNamed("wait-trx");

    public static readonly ConfigKey<TimeSpan> WaitWriteQuery = Define.Seconds("switchover-wait-write-query", 10, 0,
        "A switchover is refused while a write statement has run on the primary for this many seconds.").AlsoNamed("wait-write-query");

    public static readonly ConfigKey<bool> SwitchoverAtSync = Define.Bool("switchover-at-sync", false,
        "Switch over only when semi-synchronous replication is in sync.");

    public static readonly ConfigKey<bool> SwitchoverAtEqualGtid = Define.Bool("switchover-at-equal-gtid", false,
        "Switch over only when every replica has applied the primary's last GTID.").AlsoNamed("gtidcheck");

    public static readonly ConfigKey<bool> SwitchoverLowerRelease = Define.Bool("switchover-lower-release", false,
        "Allow a candidate that runs an older server release than the primary.");

    public static readonly ConfigKey<bool> CheckReplicationFilters = Define.Bool("check-replication-filters", true,
        "Refuse a candidate whose replication filters differ from the primary's.");

    public static readonly ConfigKey<bool> CheckReplicationState = Define.Bool("check-replication-state", true,
        "Refuse candidates whose replication is stopped or lagging (a switchover with every replica stopped is refused).");

    public static readonly ConfigKey<bool> Autorejoin = Define.Bool("autorejoin", true,
        "A failed primary that comes back rejoins as a replica of the new one (or is flagged with its errant GTIDs).");
}
