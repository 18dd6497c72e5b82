using ReplicationManager.Core.Jobs.Sql;
using ReplicationManager.IntegrationTests.Lab;
using ReplicationManager.IntegrationTests.LocalTaskLab;
using ReplicationManager.IntegrationTests.MariaDb;
using ReplicationManager.MariaDb;

namespace ReplicationManager.IntegrationTests.Jobs;

/// <summary>A jobs table made by an older replication-manager is brought to the spec's shape without losing a row.</summary>
public sealed class JobsTableMigrationTests
{
    // The table as replication-manager created it before the spec added payload and widened result; older still
    // without state and without the unique task.
    private const string OldTable = """
        CREATE TABLE replication_manager_schema.jobs(id INT NOT NULL auto_increment PRIMARY KEY,
          task VARCHAR(20), port INT, server VARCHAR(255), done TINYINT not null default 0,
          result VARCHAR(1000), start DATETIME, end DATETIME, KEY idx1(task,done), KEY idx2(result(1),task)) engine=innodb
        """;

    [Fact(Timeout = 180_000)]
    public async Task AnOlderTableGetsStatePayloadAWiderResultAndAUniqueTaskAndKeepsItsRows()
    {
        var ct = TestContext.Current.CancellationToken;
        var lab = LabEnvironment.Require();
        await using var fresh = await FreshHost.CreateAsync(lab, ct);
        await using var connection = await OpenAsync(lab, fresh.Host, ct);
        await connection.ExecuteAsync($"CREATE DATABASE replication_manager_schema", ct);
        await connection.ExecuteAsync(SqlStatement.Raw(OldTable), ct);
        await connection.ExecuteAsync($"INSERT INTO replication_manager_schema.jobs (task, port, server, done, result) VALUES ('mariabackup', 4001, '10.0.0.5', 1, 'old result'), ('errorlog', 4002, '10.0.0.5', 1, NULL)", ct);

        var changes = await JobsTable.EnsureAsync(connection, ct);

        Assert.Equal(["added column state", "widened result from varchar to mediumtext", "added column payload", "added UNIQUE(task)"], changes);
        var columns = await ColumnsAsync(connection, ct);
        Assert.Equal("tinyint", columns["state"].Type);
        Assert.Equal("mediumtext", columns["result"].Type);
        Assert.Equal("mediumtext", columns["payload"].Type);
        Assert.Equal("UNI", columns["task"].Key);
        Assert.Equal(2, await connection.QueryScalarAsync<long>($"SELECT COUNT(*) FROM replication_manager_schema.jobs", ct));
        Assert.Equal("old result", await connection.QueryScalarAsync<string>($"SELECT result FROM replication_manager_schema.jobs WHERE task = 'mariabackup'", ct));
        Assert.Empty(await JobsTable.EnsureAsync(connection, ct));
    }

    [Fact(Timeout = 180_000)]
    public async Task RowsSharingATaskAreKeptAndTheUniqueKeyIsNotForced()
    {
        var ct = TestContext.Current.CancellationToken;
        var lab = LabEnvironment.Require();
        await using var fresh = await FreshHost.CreateAsync(lab, ct);
        await using var connection = await OpenAsync(lab, fresh.Host, ct);
        await connection.ExecuteAsync($"CREATE DATABASE replication_manager_schema", ct);
        await connection.ExecuteAsync(SqlStatement.Raw(OldTable), ct);
        await connection.ExecuteAsync($"INSERT INTO replication_manager_schema.jobs (task, done) VALUES ('optimize', 1), ('optimize', 1), ('optimize', 0)", ct);

        var changes = await JobsTable.EnsureAsync(connection, ct);

        Assert.Contains(changes, change => change.StartsWith("kept the table without UNIQUE(task): 1 task(s) have several rows", StringComparison.Ordinal));
        Assert.Equal(3, await connection.QueryScalarAsync<long>($"SELECT COUNT(*) FROM replication_manager_schema.jobs", ct));
    }

    private static async Task<MariaDbConnection> OpenAsync(LabEnvironment lab, LabHost host, CancellationToken ct)
    {
        var connection = await LabConnections.OpenAsync(lab, host, ct);
        await JobsTable.PrepareSessionAsync(connection, ct);
        return connection;
    }

    private static async Task<Dictionary<string, (string Type, string Key)>> ColumnsAsync(MariaDbConnection connection, CancellationToken ct) =>
        (await connection.QueryAsync(
            $"SELECT COLUMN_NAME, DATA_TYPE, COLUMN_KEY FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = 'replication_manager_schema' AND TABLE_NAME = 'jobs'", ct))
        .ToDictionary(row => row["COLUMN_NAME"].GetString(), row => (row["DATA_TYPE"].GetString(), row["COLUMN_KEY"].GetString()));
}
