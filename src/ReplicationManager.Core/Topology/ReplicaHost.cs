namespace ReplicationManager.Core.Topology;

/// <summary>A replica connected to a server's binlog dump: a row of <c>SHOW SLAVE HOSTS</c>.</summary>
/// <param name="ServerId">The replica's server_id.</param>
/// <param name="Host">Its <c>report_host</c>; empty when it reports none.</param>
/// <param name="Port">Its <c>report_port</c> (the server's port when it reports none).</param>
public sealed record ReplicaHost(long ServerId, string Host, int Port);
