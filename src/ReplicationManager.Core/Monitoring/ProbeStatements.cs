using ReplicationManager.MariaDb;

namespace ReplicationManager.Core.Monitoring;

/// <summary>
/// The one batch a probe sends per tick (one round trip): variables, status, replication channels, binary log
/// position, and the connected replicas when the server has any. The text depends on the flavor and version only,
/// so each variant is built once.
/// </summary>
internal sealed class ProbeStatements
{
    private static readonly ProbeStatements MariaDb = new(
        "information_schema.GLOBAL_VARIABLES", "information_schema.GLOBAL_STATUS", lowerCaseNames: false,
        "SHOW ALL SLAVES STATUS", "SHOW MASTER STATUS", "SHOW SLAVE HOSTS");

    private static readonly ProbeStatements MySql57 = new(
        "performance_schema.global_variables", "performance_schema.global_status", lowerCaseNames: true,
        "SHOW SLAVE STATUS", "SHOW MASTER STATUS", "SHOW SLAVE HOSTS");

    private static readonly ProbeStatements MySql80 = new(
        "performance_schema.global_variables", "performance_schema.global_status", lowerCaseNames: true,
        "SHOW REPLICA STATUS", "SHOW MASTER STATUS", "SHOW REPLICAS");

    private static readonly ProbeStatements MySql84 = new(
        "performance_schema.global_variables", "performance_schema.global_status", lowerCaseNames: true,
        "SHOW REPLICA STATUS", "SHOW BINARY LOG STATUS", "SHOW REPLICAS");

    private ProbeStatements(string variablesTable, string statusTable, bool lowerCaseNames,
        string replicationStatus, string binlogStatus, string replicaHosts)
    {
        var common = $"SELECT VARIABLE_NAME, VARIABLE_VALUE FROM {variablesTable} WHERE VARIABLE_NAME IN ("
            + MonitoredVariables.InList(MonitoredVariables.Variables, lowerCaseNames) + "); "
            + $"SELECT VARIABLE_NAME, VARIABLE_VALUE FROM {statusTable} WHERE VARIABLE_NAME IN ("
            + MonitoredVariables.InList(MonitoredVariables.Status, lowerCaseNames) + "); "
            + $"{replicationStatus}; {binlogStatus}";
        WithoutReplicaHosts = SqlStatement.Raw(common);
        WithReplicaHosts = SqlStatement.Raw(common + "; " + replicaHosts);
    }

    /// <summary>Four result sets: variables, status, replication channels, binary log position.</summary>
    public SqlStatement WithoutReplicaHosts { get; }

    /// <summary>The same, then the connected replicas as a fifth result set.</summary>
    public SqlStatement WithReplicaHosts { get; }

    public static ProbeStatements For(MariaDbServerInfo server)
    {
        ArgumentNullException.ThrowIfNull(server);
        if (server.IsMariaDb)
            return MariaDb;
        if (server.Version >= new Version(8, 4))
            return MySql84;
        return server.Version >= new Version(8, 0, 22) ? MySql80 : MySql57;
    }
}
