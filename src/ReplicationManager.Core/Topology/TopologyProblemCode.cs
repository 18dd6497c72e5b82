using System.Text.Json.Serialization;

namespace ReplicationManager.Core.Topology;

/// <summary>The kinds of trouble the topology analysis reports; a recovery is chosen per kind.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TopologyProblemCode>))]
public enum TopologyProblemCode
{
    /// <summary>No server of the cluster can be told to be the primary.</summary>
    NoPrimary,

    /// <summary>More than one server looks like a primary (writable, not replicating, or each with its own replicas).</summary>
    SeveralPrimaries,

    /// <summary>The primary does not answer (Suspect or Failed).</summary>
    PrimaryUnreachable,

    /// <summary>A server other than the primary does not answer (Suspect or Failed).</summary>
    ServerUnreachable,

    /// <summary>A server refuses repman's credentials (error 1045).</summary>
    AccessDenied,

    /// <summary>A replica's IO or SQL thread is stopped; the message holds the thread and its error.</summary>
    ReplicationBroken,

    /// <summary>A replica lags its source by more than the allowed delay.</summary>
    ReplicaLagging,

    /// <summary>A replica replicates from a server that is not in the cluster.</summary>
    ReplicaOfUnknownSource,

    /// <summary>A replica replicates from a server of the cluster that is neither the primary nor a relay of it.</summary>
    ReplicaNotFromPrimary,

    /// <summary>A reachable server neither replicates nor is the primary while the cluster has a primary.</summary>
    ServerNotReplicating,

    /// <summary>A replica holds GTIDs (a domain and writer, or a later sequence) that the primary does not have.</summary>
    ErrantGtid,

    /// <summary>Two servers of the cluster have the same server_id, which breaks replication between them.</summary>
    DuplicateServerId,

    /// <summary>The primary has read_only on: it cannot take writes.</summary>
    PrimaryReadOnly,
}
