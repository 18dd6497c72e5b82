using System.Text.Json;
using ReplicationManager.Core.Jobs.Local;
using ReplicationManager.Core.Topology;
using ReplicationManager.IntegrationTests.Lab;
using ReplicationManager.IntegrationTests.LocalTaskLab;
using ReplicationManager.IntegrationTests.MariaDb;

namespace ReplicationManager.IntegrationTests.Maintenance;

public sealed class TableTasksTests
{
    [Fact(Timeout = 120_000)]
    public async Task AnalyzeReportsEachUserTableOfThePrimary()
    {
        var ct = TestContext.Current.CancellationToken;
        var lab = LabEnvironment.Require();
        await using var schema = await TestSchema.CreateAsync(lab, ct);
        using var tasks = new TaskLab(lab);

        var outcome = await new AnalyzeTablesTask().RunAsync(tasks.ContextFor(lab.Primary), ct);

        Assert.True(outcome.Succeeded, outcome.Result);
        var report = Tables(outcome.Result, schema.Name);
        Assert.Equal(TestSchema.Tables, report.Keys);
        Assert.All(report.Values, table => Assert.Equal("Ok", table.GetProperty("status").GetString()));
        Assert.Contains(report["orders"].GetProperty("messages").EnumerateArray(),
            message => message.GetProperty("text").GetString() == "Engine-independent statistics collected");
        Assert.DoesNotContain(AllTables(outcome.Result), table => table.StartsWith("mysql.", StringComparison.Ordinal) || table.StartsWith("replication_manager_schema.", StringComparison.Ordinal));
        Assert.Contains(tasks.Logger.Lines, line => line.Contains("Task analyze on 127.0.0.11:3306 of lab:", StringComparison.Ordinal));
    }

    [Fact(Timeout = 120_000)]
    public async Task OptimizeRunsOnAReplicaWithoutWritingItsBinaryLog()
    {
        var ct = TestContext.Current.CancellationToken;
        var lab = LabEnvironment.Require();
        await using var schema = await TestSchema.CreateAsync(lab, ct);
        await schema.WaitForReplicasAsync(ct);
        using var tasks = new TaskLab(lab);
        var replica = lab.Replicas[0];
        var ownBefore = await OwnGtidsAsync(lab, replica, ct);

        var outcome = await new OptimizeTablesTask().RunAsync(tasks.ContextFor(replica, ServerState.Slave), ct);

        Assert.True(outcome.Succeeded, outcome.Result);
        var report = Tables(outcome.Result, schema.Name);
        Assert.Equal(TestSchema.Tables, report.Keys);
        Assert.All(report.Values, table => Assert.Equal("Ok", table.GetProperty("status").GetString()));
        Assert.Contains(report["orders"].GetProperty("messages").EnumerateArray(),
            message => message.GetProperty("text").GetString() == "Table does not support optimize, doing recreate + analyze instead");
        Assert.Equal(ownBefore, await OwnGtidsAsync(lab, replica, ct));
    }

    [Fact(Timeout = 120_000)]
    public async Task ChecksumKeepsEveryTablesValueInChecksumsJson()
    {
        var ct = TestContext.Current.CancellationToken;
        var lab = LabEnvironment.Require();
        await using var schema = await TestSchema.CreateAsync(lab, ct);
        using var tasks = new TaskLab(lab);

        var outcome = await new ChecksumTablesTask().RunAsync(tasks.ContextFor(lab.Primary), ct);

        Assert.True(outcome.Succeeded, outcome.Result);
        var expected = await schema.ChecksumsAsync(lab.Primary, ct);
        var path = Path.Combine(tasks.LogDirectory(lab.Primary), "checksums.json");
        Assert.Equal(path, outcome.Path);
        Assert.Equal(Path.Combine(tasks.Datadir, "lab", "127.0.0.11_3306", "checksums.json"), path);
        var file = JsonDocument.Parse(File.ReadAllText(path)).RootElement;
        Assert.Equal("127.0.0.11:3306", file.GetProperty("server").GetString());
        foreach (var (table, checksum) in expected)
        {
            var entry = file.GetProperty("tables").GetProperty($"{schema.Name}.{table}");
            Assert.Equal(checksum, entry.GetProperty("checksum").GetInt64());
            Assert.True(entry.GetProperty("at").GetDateTimeOffset() > DateTimeOffset.UnixEpoch);
            Assert.Equal(checksum, Tables(outcome.Result, schema.Name)[table].GetProperty("checksum").GetInt64());
        }
        Assert.Empty(Directory.GetFiles(tasks.LogDirectory(lab.Primary), ".*"));
    }

    /// <summary>The GTIDs this server wrote itself (its server id in <c>gtid_binlog_state</c>), not those it replicated.</summary>
    private static async Task<IReadOnlyList<string>> OwnGtidsAsync(LabEnvironment lab, LabHost host, CancellationToken cancellationToken)
    {
        await using var connection = await LabConnections.OpenAsync(lab, host, cancellationToken);
        var state = await connection.QueryScalarAsync<string>($"SELECT @@gtid_binlog_state", cancellationToken);
        return state.Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Where(gtid => gtid.Split('-')[1] == host.ServerId.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .ToList();
    }

    private static Dictionary<string, JsonElement> Tables(string result, string schema) =>
        JsonDocument.Parse(result).RootElement.GetProperty("tables").EnumerateArray()
            .Where(table => table.GetProperty("table").GetString()!.StartsWith(schema + ".", StringComparison.Ordinal))
            .ToDictionary(table => table.GetProperty("table").GetString()![(schema.Length + 1)..]);

    private static IEnumerable<string> AllTables(string result) =>
        JsonDocument.Parse(result).RootElement.GetProperty("tables").EnumerateArray().Select(table => table.GetProperty("table").GetString()!);
}
