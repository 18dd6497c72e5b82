using System.Diagnostics;
using System.Text.Json;
using ReplicationManager.Core.Jobs.Local;
using ReplicationManager.IntegrationTests.Lab;
using ReplicationManager.IntegrationTests.LocalTaskLab;
using ReplicationManager.IntegrationTests.MariaDb;
using ReplicationManager.MariaDb;

namespace ReplicationManager.IntegrationTests.Maintenance;

public sealed class SchemaSnapshotTests
{
    [Fact(Timeout = 120_000)]
    public async Task TheSnapshotListsEveryUserTableWithItsStatistics()
    {
        var ct = TestContext.Current.CancellationToken;
        var lab = LabEnvironment.Require();
        await using var schema = await TestSchema.CreateAsync(lab, ct);
        using var tasks = new TaskLab(lab);

        var outcome = await new SchemaSnapshotTask().RunAsync(tasks.ContextFor(lab.Primary), ct);

        Assert.True(outcome.Succeeded, outcome.Result);
        Assert.Equal(Path.Combine(tasks.Datadir, "lab", "127.0.0.11_3306", "tables.json"), outcome.Path);
        var tables = TablesOf(outcome.Path!, schema.Name);
        Assert.Equal(new[] { "audit", "big_orders", "orders" }, tables.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("InnoDB", tables["orders"].GetProperty("engine").GetString());
        Assert.Equal("BASE TABLE", tables["orders"].GetProperty("type").GetString());
        Assert.True(tables["orders"].GetProperty("dataLength").GetInt64() > 0);
        Assert.True(tables["orders"].TryGetProperty("createTime", out _));
        Assert.Equal("Aria", tables["audit"].GetProperty("engine").GetString());
        Assert.Equal(50, tables["audit"].GetProperty("rows").GetInt64());
        Assert.Equal("VIEW", tables["big_orders"].GetProperty("type").GetString());
        Assert.All(tables.Values, table => Assert.False(table.GetProperty("statisticsSkipped").GetBoolean()));
        Assert.DoesNotContain(JsonDocument.Parse(File.ReadAllText(outcome.Path!)).RootElement.GetProperty("tables").EnumerateArray(),
            table => table.GetProperty("schema").GetString() is "mysql" or "sys" or "replication_manager_schema");
    }

    /// <summary>
    /// Holds the three kinds of metadata lock a busy server has on user tables: <c>LOCK TABLES … WRITE</c>, a
    /// transaction with an ALTER queued behind it (a pending exclusive lock), and DDL holding a table exclusively
    /// (<c>CREATE TABLE … SELECT SLEEP()</c>). A plain information_schema query waits for the last one (shown with a
    /// two-second lock wait); the snapshot does not wait for any, and names the table it had to skip.
    /// </summary>
    [Fact(Timeout = 120_000)]
    public async Task TheSnapshotNeverWaitsForAMetadataLock()
    {
        var ct = TestContext.Current.CancellationToken;
        var lab = LabEnvironment.Require();
        await using var schema = await TestSchema.CreateAsync(lab, ct);
        using var tasks = new TaskLab(lab);
        await using var locker = await LabConnections.OpenPrimaryAsync(lab, ct);
        await using var reader = await LabConnections.OpenPrimaryAsync(lab, ct);
        await using var alterer = await LabConnections.OpenPrimaryAsync(lab, ct);
        await using var creator = await LabConnections.OpenPrimaryAsync(lab, ct);
        await using var observer = await LabConnections.OpenPrimaryAsync(lab, ct);
        Task? alter = null;
        Task? create = null;
        try
        {
            await locker.ExecuteAsync($"LOCK TABLES {Sql.Identifier(schema.Name, "orders")} WRITE", ct);
            await reader.ExecuteAsync($"START TRANSACTION", ct);
            await reader.QueryAsync($"SELECT COUNT(*) FROM {Sql.Identifier(schema.Name, "audit")}", ct);
            alter = alterer.ExecuteAsync($"ALTER TABLE {Sql.Identifier(schema.Name, "audit")} ADD COLUMN extra INT", ct);
            create = creator.ExecuteAsync($"CREATE TABLE {Sql.Identifier(schema.Name, "pending")} ENGINE=InnoDB AS SELECT SLEEP(50) AS x", ct);
            await WaitForStateAsync(observer, alterer.Server.ConnectionId, "Waiting for table metadata lock", ct);
            await WaitForStateAsync(observer, creator.Server.ConnectionId, "User sleep", ct);

            var naive = Stopwatch.StartNew();
            await observer.QueryAsync($"SET STATEMENT lock_wait_timeout = 2 FOR SELECT ENGINE FROM information_schema.TABLES WHERE TABLE_SCHEMA = {schema.Name}", ct);
            Assert.True(naive.Elapsed >= TimeSpan.FromSeconds(1.9), $"a plain query did not wait ({naive.Elapsed}): the exclusive lock is not held");

            var watch = Stopwatch.StartNew();
            var outcome = await new SchemaSnapshotTask().RunAsync(tasks.ContextFor(lab.Primary), ct);
            watch.Stop();

            Assert.True(outcome.Succeeded, outcome.Result);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"the snapshot took {watch.Elapsed}");
            Assert.True(watch.Elapsed < SchemaSnapshotTask.Timeout);
            var tables = TablesOf(outcome.Path!, schema.Name);
            Assert.Equal("InnoDB", tables["orders"].GetProperty("engine").GetString());
            Assert.Equal("Aria", tables["audit"].GetProperty("engine").GetString());
            Assert.True(tables["pending"].GetProperty("statisticsSkipped").GetBoolean());
            Assert.False(tables["pending"].TryGetProperty("engine", out _));
            Assert.Contains("Lock wait timeout", tables["pending"].GetProperty("skippedBecause").GetString(), StringComparison.Ordinal);
            var skipped = JsonDocument.Parse(File.ReadAllText(outcome.Path!)).RootElement.GetProperty("skipped").EnumerateArray().Select(table => table.GetString());
            Assert.Contains($"{schema.Name}.pending", skipped);
            Assert.Contains($"{schema.Name}.pending", outcome.Result, StringComparison.Ordinal);
        }
        finally
        {
            await observer.ExecuteAsync($"KILL QUERY {creator.Server.ConnectionId}", CancellationToken.None);
            await locker.ExecuteAsync($"UNLOCK TABLES", CancellationToken.None);
            await reader.ExecuteAsync($"ROLLBACK", CancellationToken.None);
            await Settle(create);
            await Settle(alter);
        }
    }

    private static async Task WaitForStateAsync(MariaDbConnection observer, long connectionId, string state, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var rows = await observer.QueryAsync($"SELECT STATE FROM information_schema.PROCESSLIST WHERE ID = {connectionId}", cancellationToken);
            if (rows.Count == 1 && rows[0]["STATE"].Get<string?>() == state)
                return;
            await Task.Delay(50, cancellationToken);
        }
        Assert.Fail($"connection {connectionId} never reached '{state}'");
    }

    private static async Task Settle(Task? statement)
    {
        if (statement is null)
            return;
        try
        {
            await statement;
        }
        catch (MariaDbException)
        {
            // The sleeping CREATE is killed on purpose.
        }
    }

    private static Dictionary<string, JsonElement> TablesOf(string path, string schema) =>
        JsonDocument.Parse(File.ReadAllText(path)).RootElement.GetProperty("tables").EnumerateArray()
            .Where(table => table.GetProperty("schema").GetString() == schema)
            .ToDictionary(table => table.GetProperty("name").GetString()!);
}
