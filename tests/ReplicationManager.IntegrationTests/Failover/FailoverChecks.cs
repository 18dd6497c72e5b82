using System.Text.Json;
using ReplicationManager.IntegrationTests.Api;
using ReplicationManager.IntegrationTests.Jobs;
using ReplicationManager.IntegrationTests.Lab;
using ReplicationManager.MariaDb;

namespace ReplicationManager.IntegrationTests.Failover;

/// <summary>What the switchover and failover tests read from the servers and from repman.</summary>
internal static class FailoverChecks
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    /// <summary>Waits until repman's API names <paramref name="host"/> as the primary.</summary>
    public static Task WaitForPrimaryAsync(RepmanApiClient api, LabHost host, CancellationToken ct) =>
        Eventually.WaitUntilAsync($"repman names {host} the primary", Deadline, async () =>
        {
            var (status, body) = await api.SendAsync(HttpMethod.Get, $"/api/clusters/{FailoverLab.Cluster}/topology/master", ct);
            var url = status == 200 && body.ValueKind == JsonValueKind.Object ? body.GetProperty("url").GetString() : null;
            return (url == $"{host.Address}:{host.Port}", $"{status} {url}");
        }, ct);

    /// <summary>Waits until a host replicates from <paramref name="source"/> with both threads running.</summary>
    public static Task WaitReplicatingFromAsync(FailoverLab lab, LabHost host, LabHost source, CancellationToken ct) =>
        Eventually.WaitUntilAsync($"{host} replicates from {source}", Deadline, async () =>
        {
            await using var connection = await lab.ConnectAsync(host, ct, host.ExtraPort);
            var rows = await connection.QueryAsync($"SHOW SLAVE STATUS", ct);
            if (rows.Count == 0)
                return (false, "no replication");
            var row = rows[0];
            var state = $"{row["Master_Host"].GetString()} io={row["Slave_IO_Running"].GetString()} sql={row["Slave_SQL_Running"].GetString()} {(row["Last_IO_Error"].IsNull ? "" : row["Last_IO_Error"].GetString())}";
            return (row["Master_Host"].GetString() == source.Address && row["Slave_IO_Running"].GetString() == "Yes" && row["Slave_SQL_Running"].GetString() == "Yes", state);
        }, ct);

    /// <summary>
    /// Waits until <paramref name="replica"/> has applied everything <paramref name="source"/> has written so far: a
    /// replica whose threads run may still be catching up (a rejoined primary has every write of the failover to fetch).
    /// </summary>
    public static async Task WaitCaughtUpAsync(FailoverLab lab, LabHost replica, LabHost source, CancellationToken ct)
    {
        string position;
        await using (var primary = await lab.ConnectAsync(source, ct, source.ExtraPort))
            position = await primary.QueryScalarAsync<string>($"SELECT @@GLOBAL.gtid_binlog_pos", ct);
        await using var connection = await lab.ConnectAsync(replica, ct, replica.ExtraPort);
        var waited = await connection.QueryScalarAsync<long>($"SELECT MASTER_GTID_WAIT({position}, 60)", ct);
        Assert.True(waited == 0, $"{replica} did not apply {source}'s position {position} within 60 s");
    }

    /// <summary><c>read_only</c> and <c>max_connections</c> of a host, read through its extra port (the main one may be drained).</summary>
    public static async Task<(bool ReadOnly, long MaxConnections)> SettingsAsync(FailoverLab lab, LabHost host, CancellationToken ct)
    {
        await using var connection = await lab.ConnectAsync(host, ct, host.ExtraPort);
        var rows = await connection.QueryAsync($"SELECT @@GLOBAL.read_only AS ro, @@GLOBAL.max_connections AS mc", ct);
        return (rows[0]["ro"].GetInt64() != 0, rows[0]["mc"].GetInt64());
    }

    /// <summary>The ids of the written rows present on a host.</summary>
    public static async Task<HashSet<long>> RowsOnAsync(FailoverLab lab, LabHost host, CancellationToken ct)
    {
        await using var connection = await lab.ConnectAsync(host, ct, host.ExtraPort);
        var rows = await connection.QueryAsync($"SELECT id FROM failover_test.writes", ct);
        return rows.Select(r => r["id"].GetInt64()).ToHashSet();
    }

    /// <summary>The server_id that answers through HAProxy's write port.</summary>
    public static async Task<long> ServerIdThroughHaproxyAsync(FailoverLab lab, CancellationToken ct)
    {
        await using var connection = await MariaDbConnection.OpenAsync(lab.WriteOptions(), ct);
        return await connection.QueryScalarAsync<long>($"SELECT @@server_id", ct);
    }

    /// <summary>Waits until the write load has acknowledged <paramref name="more"/> more writes.</summary>
    public static Task WaitForWritesAsync(WriteLoad load, int more, CancellationToken ct)
    {
        var target = load.Acknowledged + more;
        return Eventually.WaitUntilAsync($"{more} more writes acknowledged through HAProxy", Deadline,
            () => Task.FromResult((load.Acknowledged >= target, $"{load.Acknowledged} of {target}")), ct);
    }

    /// <summary>Every acknowledged write is on the host; the test's output gives the figures.</summary>
    public static async Task AssertNoAcknowledgedWriteLostAsync(FailoverLab lab, LabHost host, IReadOnlyList<long> acknowledged, CancellationToken ct)
    {
        var present = await RowsOnAsync(lab, host, ct);
        var lost = acknowledged.Where(id => !present.Contains(id)).ToList();
        Assert.True(lost.Count == 0, $"{lost.Count} of {acknowledged.Count} acknowledged writes missing on {host}: {string.Join(", ", lost.Take(20))}");
    }
}
