using ReplicationManager.IntegrationTests.Lab;
using ReplicationManager.IntegrationTests.MariaDb;
using ReplicationManager.MariaDb;

namespace ReplicationManager.IntegrationTests.LocalTaskLab;

/// <summary>
/// A schema of its own with data for one test, written through the primary only (the replicas get it by
/// replication) and dropped afterwards: an InnoDB table with a primary key and varied types, an Aria table without
/// one, and a view.
/// </summary>
internal sealed class TestSchema : IAsyncDisposable
{
    private readonly LabEnvironment _lab;

    private TestSchema(LabEnvironment lab, string name)
    {
        _lab = lab;
        Name = name;
    }

    public string Name { get; }

    public static IReadOnlyList<string> Tables { get; } = ["audit", "orders"];

    public static async Task<TestSchema> CreateAsync(LabEnvironment lab, CancellationToken cancellationToken)
    {
        var schema = new TestSchema(lab, $"tasks_{Guid.NewGuid():N}"[..18]);
        await using var connection = await LabConnections.OpenPrimaryAsync(lab, cancellationToken);
        var name = schema.Name;
        await connection.ExecuteAsync($"CREATE DATABASE {Sql.Identifier(name)} CHARACTER SET utf8mb4", cancellationToken);
        await connection.ExecuteAsync($"""
            CREATE TABLE {Sql.Identifier(name, "orders")} (
              id INT PRIMARY KEY, customer VARCHAR(100) NOT NULL, amount DECIMAL(12,2), placed DATETIME(6),
              note TEXT, payload VARBINARY(64), KEY (customer)) ENGINE=InnoDB
            """, cancellationToken);
        await connection.ExecuteAsync($"""
            INSERT INTO {Sql.Identifier(name, "orders")}
            SELECT seq, CONCAT('customer ', seq % 17, ' é✓😀'), seq * 1.25, TIMESTAMP'2026-11-22 00:00:00' + INTERVAL seq MINUTE,
                   IF(seq % 5 = 0, NULL, REPEAT('it''s \\ "quoted"\n', seq % 7)), UNHEX(SHA2(seq, 256))
            FROM {Sql.Identifier(name, "seq_1_to_500")}
            """, cancellationToken);
        await connection.ExecuteAsync($"CREATE TABLE {Sql.Identifier(name, "audit")} (at TIMESTAMP(3) NULL, line VARCHAR(200)) ENGINE=Aria", cancellationToken);
        await connection.ExecuteAsync($"INSERT INTO {Sql.Identifier(name, "audit")} SELECT NULL, CONCAT('line ', seq) FROM {Sql.Identifier(name, "seq_1_to_50")}", cancellationToken);
        await connection.ExecuteAsync($"CREATE VIEW {Sql.Identifier(name, "big_orders")} AS SELECT id, amount FROM {Sql.Identifier(name, "orders")} WHERE amount > 100", cancellationToken);
        return schema;
    }

    /// <summary>Waits until every replica has applied what the primary wrote so far.</summary>
    public async Task WaitForReplicasAsync(CancellationToken cancellationToken)
    {
        string position;
        await using (var primary = await LabConnections.OpenPrimaryAsync(_lab, cancellationToken))
            position = await primary.QueryScalarAsync<string>($"SELECT @@gtid_binlog_pos", cancellationToken);
        foreach (var replica in _lab.Replicas)
        {
            await using var connection = await LabConnections.OpenAsync(_lab, replica, cancellationToken);
            var waited = await connection.QueryScalarAsync<long>($"SELECT MASTER_GTID_WAIT({position}, 60)", cancellationToken);
            Assert.True(waited == 0, $"{replica} did not reach {position} within 60 s");
        }
    }

    /// <summary>CHECKSUM TABLE … EXTENDED of the test tables on a host.</summary>
    public async Task<IReadOnlyDictionary<string, long?>> ChecksumsAsync(LabHost host, CancellationToken cancellationToken)
    {
        await using var connection = await LabConnections.OpenAsync(_lab, host, cancellationToken);
        var checksums = new Dictionary<string, long?>();
        foreach (var table in Tables)
        {
            var rows = await connection.QueryAsync($"CHECKSUM TABLE {Sql.Identifier(Name, table)} EXTENDED", cancellationToken);
            checksums[table] = rows[0]["Checksum"].Get<long?>();
        }
        return checksums;
    }

    public async ValueTask DisposeAsync()
    {
        await using var connection = await LabConnections.OpenPrimaryAsync(_lab, CancellationToken.None);
        await connection.ExecuteAsync($"DROP DATABASE IF EXISTS {Sql.Identifier(Name)}", CancellationToken.None);
    }
}
