using ReplicationManager.Core.Topology;
using ReplicationManager.MariaDb;

namespace ReplicationManager.Core.Monitoring;

/// <summary>
/// The batches a probe sends, one per tick (one round trip each). The full batch comes first on a connection and then
/// every <see cref="ServerProbeSettings.FullReadInterval"/>; the ticks between send the quick batch (<see cref="Quick"/>).
/// The full batch's first result set carries every status value and
/// global variable as name-value rows: status rows from the status table, then one <c>SELECT 'NAME', @@GLOBAL.name</c>
/// per variable joined with UNION ALL, which costs the server far less than the variables table (which builds every
/// variable to filter a few). A server that lacks one of them gets the variables table instead. The replication
/// channels follow, then the binary log position on MySQL (MariaDB gives it as status, <c>Binlog_snapshot_file</c>
/// and <c>_position</c>, which outside a consistent-snapshot transaction are SHOW MASTER STATUS's), then the connected
/// replicas when the server has any. Every statement ends with a flush of the server's socket and costs repman a
/// wake-up: the fewer statements, the cheaper the tick. The text depends on the flavor and version only, so each
/// variant is built once.
/// </summary>
internal sealed class ProbeStatements
{
    private static readonly ProbeStatements MariaDb = new(ServerFlavor.MariaDb,
        "information_schema.GLOBAL_VARIABLES", "information_schema.GLOBAL_STATUS", lowerCaseNames: false,
        "SHOW ALL SLAVES STATUS", binlogStatus: null, "SHOW SLAVE HOSTS");

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
    private readonly SqlStatement[] _quick = new SqlStatement[2];

    private ProbeStatements(ServerFlavor flavor, string variablesTable, string statusTable, bool lowerCaseNames,
        string replicationStatus, string? binlogStatus, string replicaHosts)
    {
        Flavor = flavor;
        var variables = MonitoredVariables.Variables(flavor);
        var status = $"SELECT VARIABLE_NAME, VARIABLE_VALUE FROM {statusTable} WHERE VARIABLE_NAME IN ("
            + MonitoredVariables.InList(MonitoredVariables.Status(flavor), lowerCaseNames) + ")";
        var values = new[]
        {
            $"{status} UNION ALL {MonitoredVariables.SelectRows(variables)}",
            $"{status} UNION ALL SELECT VARIABLE_NAME, VARIABLE_VALUE FROM {variablesTable} WHERE VARIABLE_NAME IN ({MonitoredVariables.InList(variables, lowerCaseNames)})",
        };
        var rest = $"; {replicationStatus}" + (binlogStatus is null ? "" : $"; {binlogStatus}");
        for (var byName = 0; byName < 2; byName++)
        {
            _statements[2 * byName] = SqlStatement.Raw(values[byName] + rest);
            _statements[2 * byName + 1] = SqlStatement.Raw(values[byName] + rest + "; " + replicaHosts);
        }
        var quick = $"SELECT {MonitoredVariables.SelectList(MonitoredVariables.EveryTick(flavor))}; {replicationStatus}";
        _quick[0] = SqlStatement.Raw(quick);
        _quick[1] = SqlStatement.Raw(quick + "; " + replicaHosts);
    }

    public ServerFlavor Flavor { get; }

    /// <summary>On MariaDB the binary log position comes with the status values, not as a result set of its own.</summary>
    public bool ReadsBinlogStatus => Flavor == ServerFlavor.MySql;

    /// <summary>
    /// Name-value rows (status, then variables), the replication channels, the binary log position (MySQL), then
    /// the connected replicas when asked. Variables come from the variables table when <paramref name="variablesByName"/>.
    /// </summary>
    public SqlStatement Batch(bool variablesByName, bool withReplicaHosts) =>
        _statements[(variablesByName ? 2 : 0) + (withReplicaHosts ? 1 : 0)];

    /// <summary>
    /// The batch of the ticks between two full ones: one row of the variables read every tick, the replication
    /// channels, then the connected replicas when asked.
    /// </summary>
    public SqlStatement Quick(bool withReplicaHosts) => _quick[withReplicaHosts ? 1 : 0];

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
