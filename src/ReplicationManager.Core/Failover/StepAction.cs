using System.Text.Json.Serialization;

namespace ReplicationManager.Core.Failover;

/// <summary>What one step of a switchover or failover does; the plan lists them, the runner carries them out in order.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<StepAction>))]
public enum StepAction
{
    /// <summary>Refuse when a write statement has run on the primary longer than <c>switchover-wait-write-query</c>.</summary>
    CheckLongWrites,

    /// <summary>Ask the replicas whether the primary still sends them events or heartbeats (failover false-positive check).</summary>
    ConfirmPrimaryDead,

    /// <summary>Run <c>failover-pre-script</c>.</summary>
    PreScript,

    /// <summary><c>SET GLOBAL read_only = 1</c> on the old primary.</summary>
    SetReadOnly,

    /// <summary>Lower the old primary's <c>max_connections</c>; repman keeps its session through <c>extra_port</c>.</summary>
    LowerMaxConnections,

    /// <summary>Let client sessions on the old primary finish for up to <c>switchover-wait-kill</c>, then kill the rest.</summary>
    KillSessions,

    /// <summary><c>FLUSH TABLES WITH READ LOCK</c> on the old primary, bounded by <c>switchover-wait-trx</c>.</summary>
    FreezeWrites,

    /// <summary>Wait until the candidate applied every transaction (of the frozen primary, or in its relay log).</summary>
    WaitCandidate,

    /// <summary>Stop the candidate's replication, forget its source and make it writable.</summary>
    Promote,

    /// <summary>Send the proxies' writes to the new primary.</summary>
    RerouteProxies,

    /// <summary>The old primary replicates from the new one (<c>MASTER_USE_GTID=slave_pos</c>), read-only, locks released.</summary>
    DemoteOldPrimary,

    /// <summary>A replica replicates from the new primary.</summary>
    RepointReplica,

    /// <summary>Give the old primary its <c>max_connections</c> back.</summary>
    RestoreMaxConnections,

    /// <summary>Run <c>failover-post-script</c>.</summary>
    PostScript,
}
