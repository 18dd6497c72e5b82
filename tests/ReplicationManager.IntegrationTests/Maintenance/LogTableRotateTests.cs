using ReplicationManager.Core.Jobs;
using ReplicationManager.Core.Jobs.Local;
using ReplicationManager.IntegrationTests.Lab;
using ReplicationManager.IntegrationTests.LocalTaskLab;
using ReplicationManager.IntegrationTests.MariaDb;
using ReplicationManager.MariaDb;

namespace ReplicationManager.IntegrationTests.Maintenance;

public sealed class LogTableRotateTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 6, 0, 0, TimeSpan.Zero);

    [Fact(Timeout = 180_000)]
    public async Task TheSlowLogIsSwappedForAnEmptyOneAndTheNewestCopiesAreKept()
    {
        var ct = TestContext.Current.CancellationToken;
        var lab = LabEnvironment.Require();
        await using var fresh = await FreshHost.CreateAsync(lab, ct);
        await using var server = await LabConnections.OpenAsync(lab, fresh.Host, ct);
        await server.ExecuteAsync($"SET GLOBAL log_output = 'TABLE', GLOBAL slow_query_log = 1, GLOBAL long_query_time = 0", ct);
        var binlogBefore = await server.QueryScalarAsync<string>($"SELECT @@gtid_binlog_pos", ct);
        using var tasks = new TaskLab(lab, "scheduler-db-servers-logs-table-keep = 2");
        tasks.Clock.Now = Start;

        var outcomes = new List<LocalJobOutcome>();
        for (var hour = 0; hour < 3; hour++)
        {
            await LogSomeQueriesAsync(lab, fresh.Host, ct);
            tasks.Clock.Now = Start.AddHours(hour);
            outcomes.Add(await new LogTableRotateTask().RunAsync(tasks.ContextFor(fresh.Host), ct));
        }

        Assert.All(outcomes, outcome => Assert.True(outcome.Succeeded, outcome.Result));
        Assert.Contains("slow_log: ", outcomes[0].Result, StringComparison.Ordinal);
        Assert.Contains("rows rotated into replication_manager_schema.slow_log_20261122060000", outcomes[0].Result, StringComparison.Ordinal);
        Assert.Contains("general_log: empty", outcomes[0].Result, StringComparison.Ordinal);
        Assert.Contains("dropped slow_log_20261122060000", outcomes[2].Result, StringComparison.Ordinal);
        var copies = await server.QueryAsync($"SHOW TABLES FROM replication_manager_schema LIKE 'slow\\_log\\_%'", ct);
        Assert.Equal(new[] { "slow_log_20261122070000", "slow_log_20261122080000" }, copies.Select(row => row[0].GetString()).Order(StringComparer.Ordinal));
        var rotated = await server.QueryScalarAsync<long>($"SELECT COUNT(*) FROM replication_manager_schema.slow_log_20261122080000 WHERE sql_text LIKE '%repman rotate probe%'", ct);
        Assert.True(rotated >= 5, $"{rotated} probe queries in the last copy");
        var left = await server.QueryScalarAsync<long>($"SELECT COUNT(*) FROM mysql.slow_log WHERE sql_text LIKE '%repman rotate probe%' AND sql_text NOT LIKE '%COUNT%'", ct);
        Assert.Equal(0, left);
        Assert.Equal(binlogBefore, await server.QueryScalarAsync<string>($"SELECT @@gtid_binlog_pos", ct));
    }

    [Fact(Timeout = 180_000)]
    public async Task WithNothingToKeepTheLogTablesAreTruncated()
    {
        var ct = TestContext.Current.CancellationToken;
        var lab = LabEnvironment.Require();
        await using var fresh = await FreshHost.CreateAsync(lab, ct);
        await using var server = await LabConnections.OpenAsync(lab, fresh.Host, ct);
        await server.ExecuteAsync($"SET GLOBAL log_output = 'TABLE', GLOBAL general_log = 1", ct);
        await LogSomeQueriesAsync(lab, fresh.Host, ct);
        await server.ExecuteAsync($"SET GLOBAL general_log = 0", ct);
        using var tasks = new TaskLab(lab, "scheduler-db-servers-logs-table-keep = 0");

        var outcome = await new LogTableRotateTask().RunAsync(tasks.ContextFor(fresh.Host), ct);

        Assert.True(outcome.Succeeded, outcome.Result);
        Assert.Contains("general_log: truncated", outcome.Result, StringComparison.Ordinal);
        Assert.Equal(0, await server.QueryScalarAsync<long>($"SELECT COUNT(*) FROM mysql.general_log", ct));
        Assert.Empty(await server.QueryAsync($"SHOW TABLES FROM replication_manager_schema LIKE 'general\\_log\\_%'", ct));
    }

    private static async Task LogSomeQueriesAsync(LabEnvironment lab, LabHost host, CancellationToken cancellationToken)
    {
        await using var connection = await LabConnections.OpenAsync(lab, host, cancellationToken);
        for (var i = 0; i < 5; i++)
            await connection.QueryAsync($"SELECT {i} AS {Sql.Identifier("repman rotate probe")}", cancellationToken);
    }
}
