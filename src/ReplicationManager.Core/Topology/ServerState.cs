using System.Text.Json.Serialization;

namespace ReplicationManager.Core.Topology;

/// <summary>
/// What repman knows of a database server, with replication-manager's state names: the names appear in JSON, in the
/// API and in proxy check logic, so each member's name is exactly the Go state string (see <see cref="ServerStates"/>).
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<ServerState>))]
public enum ServerState
{
    /// <summary>Not probed yet since repman started, and no saved state says otherwise.</summary>
    Unknown,

    /// <summary>The primary: it does not replicate, and the cluster's replicas replicate from it.</summary>
    Master,

    /// <summary>A replica whose IO and SQL threads run, within the allowed lag.</summary>
    Slave,

    /// <summary>A replica whose IO or SQL thread is stopped (by an error or by hand).</summary>
    SlaveErr,

    /// <summary>A replica that runs but lags its source by more than the allowed delay.</summary>
    SlaveLate,

    /// <summary>Answers, but neither replicates nor is the primary.</summary>
    StandAlone,

    /// <summary>Stopped answering; not yet for the number of probes that makes it Failed.</summary>
    Suspect,

    /// <summary>Did not answer for <c>failover-falsepositive-ping-counter</c> consecutive probes.</summary>
    Failed,

    /// <summary>Put in maintenance by an operator: monitored, but left out of elections and routing.</summary>
    Maintenance,

    /// <summary>Answers, but refuses repman's credentials (error 1045).</summary>
    ErrorAuth,

    /// <summary>A replica that other servers of the cluster replicate from (multi-tier), healthy.</summary>
    Relay,

    /// <summary>A relay whose own IO or SQL thread is stopped.</summary>
    RelayErr,

    /// <summary>A relay that lags its source by more than the allowed delay.</summary>
    RelayLate,
}
