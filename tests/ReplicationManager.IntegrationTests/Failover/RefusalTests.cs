using System.Text.Json;
using ReplicationManager.IntegrationTests.Api;
using ReplicationManager.IntegrationTests.Jobs;
using ReplicationManager.IntegrationTests.Lab;
using static ReplicationManager.IntegrationTests.Failover.FailoverChecks;

namespace ReplicationManager.IntegrationTests.Failover;

/// <summary>
/// What repman refuses, on the failover lab, each with its reason in the answer: a failover of a live primary, a
/// switchover without a candidate in sync, to a candidate with errant transactions or lagging, and a second change
/// within <c>failover-time-limit</c>. A refusal changes nothing.
/// </summary>
public sealed class RefusalTests
{
    [Fact(Timeout = 300_000)]
    public async Task EachRefusalNamesItsCauseAndChangesNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var rig = await FailoverRig.StartAsync("""
            failover-time-limit = 60
            failover-max-slave-delay = 2
            """, ct);
        var (lab, api) = (rig.Lab, rig.Api);
        var (db1, db2, db3) = (lab.Lab.Hosts[0], lab.Lab.Hosts[1], lab.Lab.Hosts[2]);
        await using (var primary = await lab.ConnectAsync(db1, ct))
            await primary.ExecuteAsync($"CREATE DATABASE refusals; CREATE TABLE refusals.t (id INT PRIMARY KEY)", ct);

        var failover = await ExpectRefusalAsync(api, "failover", "", ct);
        Assert.Contains(failover.Refusals, r => r == "primary-alive");

        await OnReplicasAsync(lab, [db2, db3], "STOP SLAVE", ct);
        var stopped = await ExpectRefusalAsync(api, "switchover", "", ct, until: p => p.NotChosen.Count(n => n.Code == "replication-stopped") == 2);
        Assert.Contains("no-candidate", stopped.Refusals);
        await OnReplicasAsync(lab, [db2, db3], "START SLAVE", ct);

        // A write on db2 itself (its user has READ_ONLY ADMIN): a transaction no other server has.
        await using (var replica = await lab.ConnectAsync(db2, ct))
            await replica.ExecuteAsync($"INSERT INTO refusals.t VALUES (1)", ct);
        var errant = await ExpectRefusalAsync(api, "switchover", $"?prefmaster={db2.Address}:{db2.Port}", ct, until: p => p.NotChosen.Any(n => n.Code == "errant-gtid"));
        Assert.Contains(errant.NotChosen, n => n.Code == "errant-gtid" && n.Message.Contains($"0-{db2.ServerId}-", StringComparison.Ordinal));

        await using (var replica = await lab.ConnectAsync(db3, ct))
            await replica.ExecuteAsync($"STOP SLAVE; CHANGE MASTER TO MASTER_DELAY = 30; START SLAVE", ct);
        await using (var primary = await lab.ConnectAsync(db1, ct))
            await primary.ExecuteAsync($"INSERT INTO refusals.t VALUES (2)", ct);
        var lagging = await ExpectRefusalAsync(api, "switchover", $"?prefmaster={db3.Address}:{db3.Port}", ct, until: p => p.NotChosen.Any(n => n.Code == "lagging"));
        Assert.Contains(lagging.NotChosen, n => n.Code == "lagging" && n.Message.Contains("failover-max-slave-delay", StringComparison.Ordinal));
        await using (var replica = await lab.ConnectAsync(db3, ct))
            await replica.ExecuteAsync($"STOP SLAVE; CHANGE MASTER TO MASTER_DELAY = 0; START SLAVE", ct);
        await WaitForPrimaryAsync(api, db1, ct);
        Assert.Equal((false, (await SettingsAsync(lab, db1, ct)).MaxConnections), await SettingsAsync(lab, db1, ct));

        await Eventually.WaitUntilAsync("a switchover to db3 is possible again", Deadline, async () =>
        {
            var (_, plan) = await api.SendAsync(HttpMethod.Get, $"/api/clusters/{FailoverLab.Cluster}/actions/switchover/dry-run?prefmaster={db3.Address}:{db3.Port}", ct);
            return (plan.GetProperty("refusals").GetArrayLength() == 0, plan.ToString());
        }, ct);
        var (status, outcome) = await api.SendAsync(HttpMethod.Post, $"/api/clusters/{FailoverLab.Cluster}/actions/switchover?prefmaster={db3.Address}:{db3.Port}", ct);
        Assert.True(status == 200, outcome.ToString());
        var tooSoon = await ExpectRefusalAsync(api, "switchover", $"?prefmaster={db1.Address}:{db1.Port}", ct);
        Assert.Contains("time-limit", tooSoon.Refusals);
        await WaitForPrimaryAsync(api, db3, ct);
    }

    private static async Task OnReplicasAsync(FailoverLab lab, LabHost[] hosts, string trustedSql, CancellationToken ct)
    {
        foreach (var host in hosts)
        {
            await using var connection = await lab.ConnectAsync(host, ct);
            await connection.ExecuteAsync(ReplicationManager.MariaDb.SqlStatement.Raw(trustedSql), ct);
        }
    }

    /// <summary>
    /// Waits until the dry run shows what <paramref name="until"/> asks (the monitor needs a tick to see a change),
    /// then asks for the change itself: it must answer 409 with the plan and its reasons.
    /// </summary>
    private static async Task<RefusedPlan> ExpectRefusalAsync(RepmanApiClient api, string action, string query, CancellationToken ct, Func<RefusedPlan, bool>? until = null)
    {
        if (until is not null)
        {
            await Eventually.WaitUntilAsync($"the {action} dry run shows the cause", Deadline, async () =>
            {
                var (_, plan) = await api.SendAsync(HttpMethod.Get, $"/api/clusters/{FailoverLab.Cluster}/actions/{action}/dry-run{query}", ct);
                return (until(RefusedPlan.From(plan)), plan.ToString());
            }, ct);
        }
        var (status, body) = await api.SendAsync(HttpMethod.Post, $"/api/clusters/{FailoverLab.Cluster}/actions/{action}{query}", ct);
        Assert.True(status == 409, $"{action} answered {status}: {body}");
        Assert.Contains("refused", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        return RefusedPlan.From(body.GetProperty("plan"));
    }

    private sealed record RefusedPlan(IReadOnlyList<string> Refusals, IReadOnlyList<(string Code, string Message)> NotChosen)
    {
        public static RefusedPlan From(JsonElement plan) => new(
            plan.GetProperty("refusals").EnumerateArray().Select(r => r.GetProperty("code").GetString()!).ToList(),
            plan.GetProperty("notChosen").EnumerateArray().Select(r => (r.GetProperty("code").GetString()!, r.GetProperty("message").GetString()!)).ToList());
    }
}
