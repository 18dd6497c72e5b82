using ReplicationManager.Core.Topology;
using ReplicationManager.MariaDb;

namespace ReplicationManager.Core.Monitoring;

/// <summary>
/// The one batch a probe sends per tick (one round trip): variables, status, replication channels, binary log
/// position, and the connected replicas when the server has any. Variables are read as one row of
/// <c>@@GLOBAL.name</c> values, which costs the server far less than information_schema (which builds every
/// variable to filter a few); a server that lacks one of them gets the by-name query instead. The text depends on
/// the flavor and version only, so each variant is built once.
/// </summary>
internal sealed class ProbeStatements
{
    private static readonly ProbeStatements MariaDb = new(ServerFlavor.MariaDb,
        "information_schema.GLOBAL_VARIABLES", "information_schema.GLOBAL_STATUS", lowerCaseNames: false,
        "SHOW ALL SLAVES STATUS", "SHOW MASTER STATUS", "SHOW SLAVE HOSTS");

    private static readonly ProbeStatements MySql57 = new(ServerFlavor.MySql,
        "performance_schema.global_variables", "performance_schema.global_status", lowerCaseNames: true,
        "SHOW SLAVE STATUS", "SHOW MASTER STATUS", "SHOW SLAVE HOSTS");

    private static readonly ProbeStatements MySql80 = new(ServerFlavor.MySql,
        "performance_schema.global_variables", "performance_schema.global_status", lowerCaseNames: true,
        "SHOW REPLICA STATUS", "SHOW MASTER STATUS", "SHOW REPLICAS");

    private static readonly ProbeStatements MySql84 = new(ServerFlavor.MySql,
        "performance_schema.global_variables", "performance_schema.global_status", lowerCaseNames: true,
        "SHOW REPLICA STATUS", "SHOW BINARY LOG STATUS", "SHOW REPLICAS");

    private readonly SqlStatement[] _statements = new SqlStatement[4];

    private ProbeStatements(ServerFlavor flavor, string variablesTable, string statusTable, bool lowerCaseNames,
        string replicationStatus, string binlogStatus, string replicaHosts)
    {
        var names = MonitoredVariables.Variables(flavor);
        var variables = new[]
        {
            $"SELECT {MonitoredVariables.SelectList(names)}",
            $"SELECT VARIABLE_NAME, VARIABLE_VALUE FROM {variablesTable} WHERE VARIABLE_NAME IN ({MonitoredVariables.InList(names, lowerCaseNames)})",
        };
        var rest = $"; SELECT VARIABLE_NAME, VARIABLE_VALUE FROM {statusTable} WHERE VARIABLE_NAME IN ("
            + MonitoredVariables.InList(MonitoredVariables.Status, lowerCaseNames) + $"); {replicationStatus}; {binlogStatus}";
        for (var byName = 0; byName < 2; byName++)
        {
            _statements[2 * byName] = SqlStatement.Raw(variables[byName] + rest);
            _statements[2 * byName + 1] = SqlStatement.Raw(variables[byName] + rest + "; " + replicaHosts);
        }
    }

    /// <summary>
    /// Four result sets (variables, status, replication channels, binary log position), then the connected replicas
    /// when asked. Variables come as one row of named columns, or as name-value rows when <paramref name="variablesByName"/>.
    /// </summary>
    public SqlStatement Batch(bool variablesByName, bool withReplicaHosts) =>
        _statements[(variablesByName ? 2 : 0) + (withReplicaHosts ? 1 : 0)];

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
