using System.Net.Sockets;
using System.Text.Json;
using ReplicationManager.Core.Jobs;
using ReplicationManager.Core.Topology;
using ReplicationManager.IntegrationTests.Api;
using ReplicationManager.IntegrationTests.Lab;
using ReplicationManager.IntegrationTests.LocalTaskLab;

namespace ReplicationManager.IntegrationTests.Jobs;

/// <summary>The job system through the real replication-manager executable: scheduler, engine, API, restart.</summary>
public sealed class ScheduledJobsEndToEndTests
{
    [Fact(Timeout = 300_000)]
    public async Task LogicalBackupsScheduledEveryFewSecondsLandAndRestoreToTheSameChecksums()
    {
        var ct = TestContext.Current.CancellationToken;
        var lab = LabEnvironment.Require();
        await using var schema = await TestSchema.CreateAsync(lab, ct);
        using var config = new RepmanTestConfig(ClusterSection(lab, $"""
            monitoring-scheduler = true
            scheduler-db-servers-logical-backup = true
            scheduler-db-servers-logical-backup-cron = "*/3 * * * * *"
            backup-mysqldump-options = "--hex-blob --single-transaction --routines --triggers --databases {schema.Name}"
            """));
        await using var repman = await RepmanServerProcess.StartAsync(config.ConfigPath, config.HttpPort, ct);
        var backups = Path.Combine(config.Datadir, "Backups", "jobs-e2e", $"{lab.Primary.Address}_{lab.Primary.Port}");

        using var api = await RepmanApiClient.LoginAsync(config, ct);
        var primary = new ServerAddress(lab.Primary.Address, lab.Primary.Port);
        await Eventually.WaitUntilAsync("the job history shows two scheduled backups succeeded", TimeSpan.FromSeconds(90), async () =>
        {
            var jobs = await api.JobsAsync("jobs-e2e", primary, ct);
            return (jobs.Count(job => job.GetProperty("state").GetInt32() == (int)JobState.Success) >= 2, repman.Output[^Math.Min(2000, repman.Output.Length)..]);
        }, ct);
        // Stop the schedule so that retention removes nothing more while the backup is restored.
        var (switched, schedule) = await api.SendAsync(HttpMethod.Post, "/api/clusters/jobs-e2e/settings/actions/switch/scheduler-db-servers-logical-backup", ct);
        Assert.True(switched == 200, schedule.ToString());
        await Eventually.WaitUntilAsync("the last scheduled backup ends", TimeSpan.FromSeconds(60), async () =>
        {
            var jobs = await api.JobsAsync("jobs-e2e", primary, ct);
            return (jobs.All(job => ((JobState)job.GetProperty("state").GetInt32()).IsOver()), string.Join("; ", jobs));
        }, ct);

        var history = await api.JobsAsync("jobs-e2e", primary, ct);
        var succeeded = history.Where(job => job.GetProperty("state").GetInt32() == (int)JobState.Success).ToList();
        // Retention removed the older backups as newer ones landed; the history names no file that is gone.
        var listed = succeeded.Where(job => job.GetProperty("path").ValueKind == JsonValueKind.String).Select(job => job.GetProperty("path").GetString()!).ToList();
        Assert.All(listed, path => Assert.True(File.Exists(path), $"the history names {path}, which is gone"));
        Assert.Contains(succeeded, job => job.GetProperty("result").GetString()!.Contains("backup removed by retention", StringComparison.Ordinal));
        // The history is newest first; what it lists is what the directory holds (retention may keep an hour's last).
        var backup = listed[0];
        Assert.True(File.Exists(backup[..^".sql.gz".Length] + ".meta.json"));
        Assert.Equal(listed.Order(StringComparer.Ordinal), Directory.GetFiles(Path.GetDirectoryName(backup)!, "mysqldump_*.sql.gz").Order(StringComparer.Ordinal));
        using var tasks = new TaskLab(lab);
        await using var fresh = await FreshHost.CreateAsync(lab, ct);
        await Restore.MysqldumpAsync(tasks, backup, fresh.Host, ct);
        Assert.Equal(await schema.ChecksumsAsync(lab.Primary, ct), await schema.ChecksumsAsync(fresh.Host, ct));
    }

    [Fact(Timeout = 300_000)]
    public async Task AJobInFlightWhenRepmanIsKilledEndsInErrorWithTheRestartMessageAtTheNextStart()
    {
        var ct = TestContext.Current.CancellationToken;
        var lab = LabEnvironment.Require();
        var replica = lab.Replicas[0];
        var replicaAddress = new ServerAddress(replica.Address, replica.Port);
        var replicaId = ServerIdentity.IdOf(replicaAddress);
        using var config = new RepmanTestConfig(ClusterSection(lab, ""));
        long jobId;
        string logs = Path.Combine(config.Datadir, "jobs-e2e", replicaAddress.FolderName);
        await using (var first = await RepmanServerProcess.StartAsync(config.ConfigPath, config.HttpPort, ct))
        {
            using var api = await RepmanApiClient.LoginAsync(config, ct);
            var started = await WaitForAcceptedAsync(api, $"/api/clusters/jobs-e2e/servers/{replicaId}/actions/backup-error-log", ct);
            jobId = started[0].GetProperty("id").GetInt64();
            await using var harness = await JobsHarness.CreateAsync(keepRows: true);
            var row = await harness.WaitForRowAsync(replicaAddress, jobId, candidate => candidate.State == JobState.Pending && candidate.Port > 0, ct);
            await harness.SetRowAsync(replicaAddress, jobId, JobState.Processing, "processing", ct);
            using var sender = new TcpClient();
            await sender.ConnectAsync(row.Server!, row.Port!.Value, ct);
            await sender.GetStream().WriteAsync(new byte[256 * 1024], ct);
            await Eventually.WaitUntilAsync("the stream is being written", TimeSpan.FromSeconds(30), () =>
                Task.FromResult((Directory.Exists(logs) && Directory.GetFiles(logs, ".*.partial").Length > 0, "no partial file yet")), ct);
            // Disposing kills the process (SIGKILL): no shutdown code runs, as with kill -9.
            await first.DisposeAsync();
            Assert.NotEmpty(Directory.GetFiles(logs, ".*.partial"));
        }

        await using var second = await RepmanServerProcess.StartAsync(config.ConfigPath, config.HttpPort, ct);
        using var again = await RepmanApiClient.LoginAsync(config, ct);
        JsonElement job = default;
        await Eventually.WaitUntilAsync("the job shows state 5 with the restart message", TimeSpan.FromSeconds(60), async () =>
        {
            var (status, body) = await again.SendAsync(HttpMethod.Get, "/api/clusters/jobs-e2e/jobs", ct);
            if (status != 200)
                return (false, $"{status} {body}");
            var match = body.GetProperty("servers").GetProperty(replicaId).GetProperty("tasks").EnumerateArray()
                .FirstOrDefault(task => task.GetProperty("id").GetInt64() == jobId && task.GetProperty("task").GetString() == "errorlog");
            job = match;
            return (match.ValueKind == JsonValueKind.Object && match.GetProperty("state").GetInt32() == (int)JobState.Error, body.ToString());
        }, ct);

        Assert.Contains(JobEngine.RestartMessage, job.GetProperty("result").GetString(), StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(logs, ".*.partial"));
        Assert.Empty(Directory.GetFiles(logs, "log_error_*"));
        await using var check = await JobsHarness.CreateAsync(keepRows: true);
        var final = await check.WaitForRowAsync(replicaAddress, jobId, candidate => candidate.State == JobState.Error, ct);
        Assert.Contains(JobEngine.RestartMessage, final.Result, StringComparison.Ordinal);
    }

    private static async Task<List<JsonElement>> WaitForAcceptedAsync(RepmanApiClient api, string path, CancellationToken ct)
    {
        List<JsonElement>? started = null;
        // The job engine needs its first monitoring snapshot and recovery pass before it takes actions.
        await Eventually.WaitUntilAsync($"POST {path} is accepted", TimeSpan.FromSeconds(60), async () =>
        {
            var (status, body) = await api.SendAsync(HttpMethod.Post, path, ct);
            if (status == 202)
                started = body.EnumerateArray().ToList();
            return (status == 202, $"{status} {body}");
        }, ct);
        return started!;
    }

    private static string ClusterSection(LabEnvironment lab, string extra) => $"""
        [jobs-e2e]
        db-servers-hosts = "{string.Join(",", lab.Hosts.Select(host => $"{host.Address}:{host.Port}"))}"
        db-servers-credential = "{lab.RepmanUser}:{lab.RepmanPassword}"
        monitoring-address = "127.0.0.1"
        monitoring-ticker = 1
        {extra}
        """;
}
