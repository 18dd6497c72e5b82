using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ReplicationManager.Core.Backups;
using ReplicationManager.Core.Faults;
using ReplicationManager.Core.Jobs;
using ReplicationManager.Core.Topology;
using ReplicationManager.IntegrationTests.Api;
using ReplicationManager.IntegrationTests.Lab;
using ReplicationManager.IntegrationTests.LocalTaskLab;
using ReplicationManager.IntegrationTests.MariaDb;
using ReplicationManager.MariaDb;

namespace ReplicationManager.IntegrationTests.Jobs;

/// <summary>
/// <c>kill -9</c> of the real executable at every step of three jobs (a scheduled logical backup, a log stream, a
/// physical backup through the job protocol), each placed exactly by <see cref="CrashPoint"/>; then a restart on the
/// same data. After each: no row left in flight, no backup listed that is not whole on disk, no hidden leftover, the
/// crashed job ended with the restart message where it had a row, and the next run succeeds. One table, a row per step.
/// </summary>
public sealed class CrashTableTests
{
    private const string Cluster = "crash";
    private const string CronPlaceholder = "{cron}";
    private const string EveryThreeSeconds = "*/3 * * * * *";
    private const string OnceAYear = "0 0 0 1 1 *";

    private static readonly string[] StreamSteps =
        [CrashPoint.BeforeRow, CrashPoint.AfterRow, CrashPoint.MidStream, CrashPoint.BeforeRename, CrashPoint.AfterRename];

    [Fact(Timeout = 1_200_000)]
    public async Task KillNineAtEveryStepLeavesNothingInFlightNothingHalfListedAndTheNextRunSucceeds()
    {
        var ct = TestContext.Current.CancellationToken;
        var lab = LabEnvironment.Require();
        await using var schema = await TestSchema.CreateAsync(lab, ct);
        var replica = lab.Replicas[0];
        var errorLog = Path.GetTempFileName();
        var physical = Path.GetTempFileName();
        var outcomes = new List<CrashOutcome>();
        try
        {
            await File.WriteAllBytesAsync(errorLog, Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("2026-12-07  0:00:00 0 [Note] a line of the error log\n", 40_000))), ct);
            await MakePhysicalBackupAsync(lab, replica, physical, ct);
            var kinds = new[]
            {
                new JobKind(JobTasks.Mysqldump, lab.Primary, null, null, $"""
                    monitoring-scheduler = true
                    scheduler-db-servers-logical-backup = true
                    scheduler-db-servers-logical-backup-cron = "{CronPlaceholder}"
                    backup-mysqldump-options = "--hex-blob --single-transaction --databases {schema.Name}"
                    """),
                new JobKind(JobTasks.ErrorLog, replica, "backup-error-log", errorLog, ""),
                new JobKind(JobTasks.Mariabackup, replica, "backup-physical", physical, ""),
            };
            foreach (var kind in kinds)
            {
                // A log collection has no step after its transfer.
                string[] steps = kind.Task == JobTasks.ErrorLog ? StreamSteps : [.. StreamSteps, CrashPoint.PostJob];
                foreach (var step in steps)
                    outcomes.Add(await RunAsync(lab, kind, step, ct));
            }
        }
        finally
        {
            File.Delete(errorLog);
            File.Delete(physical);
        }

        var output = TestContext.Current.TestOutputHelper!;
        output.WriteLine("task        | killed at     | exit | rows in flight | half listed | leftovers        | crashed job ended              | next run");
        foreach (var row in outcomes)
            output.WriteLine($"{row.Task,-11} | {row.Step,-13} | {row.ExitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-",4} | {row.RowsInFlight,14} | {row.HalfListed,11} | {row.Leftovers,16} | {row.CrashedJob,-30} | {row.NextRun}");
        Assert.All(outcomes, row =>
        {
            Assert.True(row.ExitCode == 137, $"{row.Task} at {row.Step}: repman was not killed there (exit {row.ExitCode})");
            Assert.True(row.RowsInFlight == 0 && row.HalfListed == 0 && row.Leftovers == 0 && row.NextRun == "success",
                $"{row.Task} at {row.Step}: {row}");
            Assert.DoesNotContain("still in flight", row.CrashedJob, StringComparison.Ordinal);
        });
    }

    private static async Task<CrashOutcome> RunAsync(LabEnvironment lab, JobKind kind, string step, CancellationToken ct)
    {
        using var config = new RepmanTestConfig(RepmanTestConfig.LabCluster(lab, Cluster, kind.Extra.Replace(CronPlaceholder, EveryThreeSeconds, StringComparison.Ordinal)));
        var server = new ServerAddress(kind.Host.Address, kind.Host.Port);
        var before = await RowIdsAsync(lab, server, ct);
        int? exitCode;
        await using (var crashing = await RepmanServerProcess.StartAsync(config.ConfigPath, null, ct,
            new Dictionary<string, string> { [CrashPoint.Variable] = $"{kind.Task}:{step}" }))
        {
            using var stopDriver = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var driver = kind.Action is null ? Task.CompletedTask : DriveUntilStoppedAsync(crashing, config, kind, stopDriver.Token);
            exitCode = await crashing.WaitForExitAsync(TimeSpan.FromSeconds(90), ct);
            await stopDriver.CancelAsync();
            await driver;
        }
        var crashedRow = (await RowsAsync(lab, server, ct)).Where(row => !before.Contains(row.Id) && row.Task == kind.Task).Select(row => (long?)row.Id).FirstOrDefault();

        // The restarted repman fires the schedule only when asked below: what it did to the crashed row is seen first.
        await File.WriteAllTextAsync(config.ConfigPath, (await File.ReadAllTextAsync(config.ConfigPath, ct)).Replace(EveryThreeSeconds, OnceAYear, StringComparison.Ordinal), ct);
        await using var restarted = await RepmanServerProcess.StartAsync(config.ConfigPath, config.HttpPort, ct);
        using var api = await Jobs.RepmanApiClient.LoginAsync(config, ct);
        var crashedJob = crashedRow is { } id ? await CrashedRowEndAsync(lab, server, id, ct) : "no row was written";
        var nextRun = await NextRunAsync(lab, config, api, kind, server, ct);
        var inFlight = (await RowsAsync(lab, server, ct)).Count(row => !row.State.IsOver());
        return new CrashOutcome(kind.Task, step, exitCode, inFlight, await HalfListedAsync(api, ct), Leftovers(config, server), crashedJob, nextRun);
    }

    /// <summary>How the restarted repman ended the row the killed one left: state and whether it says why.</summary>
    private static async Task<string> CrashedRowEndAsync(LabEnvironment lab, ServerAddress server, long id, CancellationToken ct)
    {
        var ended = "";
        try
        {
            await Eventually.WaitUntilAsync($"row {id} is ended", TimeSpan.FromSeconds(60), async () =>
            {
                var row = (await RowsAsync(lab, server, ct)).Single(candidate => candidate.Id == id);
                ended = row.State == JobState.Error && row.Result.Contains(JobEngine.RestartMessage, StringComparison.Ordinal) ? "state 5, restart message"
                    : $"state {(int)row.State}: {row.Result}";
                return (row.State.IsOver(), ended);
            }, ct);
            return ended;
        }
        catch (TimeoutException)
        {
            return "still in flight: " + ended;
        }
    }

    /// <summary>The next run of the task on the restarted repman: the next scheduled firing, or the action again.</summary>
    private static async Task<string> NextRunAsync(LabEnvironment lab, RepmanTestConfig config, Jobs.RepmanApiClient api, JobKind kind, ServerAddress server,
        CancellationToken ct)
    {
        if (kind.Action is not null)
        {
            var (id, _) = await SqlModeScript.RunAsync(api, Cluster, kind.Host, kind.Action, kind.Payload!, ct);
            var ended = await api.WaitForJobEndAsync(Cluster, server, id, TimeSpan.FromSeconds(120), ct);
            return ended.GetProperty("state").GetInt32() == (int)JobState.Success ? "success" : $"state {ended.GetProperty("state").GetInt32()}: {ended.GetProperty("result")}";
        }
        var (set, cron) = await api.SendAsync(HttpMethod.Post,
            $"/api/clusters/{Cluster}/settings/actions/set-cron/scheduler-db-servers-logical-backup-cron/{EveryThreeSeconds.Replace(" ", "%20", StringComparison.Ordinal)}", ct);
        Assert.True(set == 200, cron.ToString());
        static bool Succeeded(JsonElement job) => job.GetProperty("state").GetInt32() == (int)JobState.Success;
        var succeeded = (await api.WaitForJobsAsync(Cluster, server, "the next run succeeds", jobs => jobs.Any(Succeeded), TimeSpan.FromSeconds(120), ct)).First(Succeeded);
        var (switched, schedule) = await api.SendAsync(HttpMethod.Post, $"/api/clusters/{Cluster}/settings/actions/switch/scheduler-db-servers-logical-backup", ct);
        Assert.True(switched == 200, schedule.ToString());
        await Eventually.WaitUntilAsync("the scheduled backups end", TimeSpan.FromSeconds(60), async () =>
        {
            var inFlight = (await RowsAsync(lab, server, ct)).Count(row => !row.State.IsOver());
            return (inFlight == 0, $"{inFlight} rows in flight");
        }, ct);
        return succeeded.ValueKind == JsonValueKind.Object ? "success" : "none";
    }

    /// <summary>Acts as the job script for a streaming task until stopped (the process it talks to was killed).</summary>
    private static async Task DriveUntilStoppedAsync(RepmanServerProcess repman, RepmanTestConfig config, JobKind kind, CancellationToken ct)
    {
        try
        {
            await repman.WaitUntilAnsweringAsync(config.HttpPort, ct);
            using var api = await Jobs.RepmanApiClient.LoginAsync(config, ct);
            await SqlModeScript.RunAsync(api, Cluster, kind.Host, kind.Action!, kind.Payload!, ct);
        }
        catch (Exception ex) when (ex is OperationCanceledException or HttpRequestException or IOException or MariaDbException or Xunit.Sdk.XunitException
            or InvalidOperationException or TimeoutException or JsonException)
        {
            // The process died under the script, as it should at this step.
        }
    }

    /// <summary>Listed backups whose file is missing or not the size listed.</summary>
    private static async Task<int> HalfListedAsync(Jobs.RepmanApiClient api, CancellationToken ct)
    {
        var (status, body) = await api.SendAsync(HttpMethod.Get, $"/api/clusters/{Cluster}/backups", ct);
        Assert.True(status == 200, body.ToString());
        return body.EnumerateArray().Count(backup =>
        {
            var path = backup.GetProperty("path").GetString()!;
            return Directory.Exists(path) ? false : !File.Exists(path) || new FileInfo(path).Length != backup.GetProperty("size").GetInt64();
        });
    }

    /// <summary>Hidden files and folders (partial transfers, checks) left in the server's log and backup folders.</summary>
    /// <summary>Hidden partial files and folders, and backups under their real name that no metadata lists.</summary>
    private static int Leftovers(RepmanTestConfig config, ServerAddress server) =>
        new[] { Path.Combine(config.Datadir, Cluster, server.FolderName), Path.Combine(config.Datadir, "Backups", Cluster, server.FolderName) }
            .Where(Directory.Exists)
            .Sum(directory => Directory.EnumerateFileSystemEntries(directory).Count(entry => Path.GetFileName(entry).StartsWith('.')))
        + BackupInventory.Unlisted(Path.Combine(config.Datadir, "Backups", Cluster, server.FolderName)).Count;

    private static async Task<HashSet<long>> RowIdsAsync(LabEnvironment lab, ServerAddress server, CancellationToken ct) =>
        (await RowsAsync(lab, server, ct)).Select(row => row.Id).ToHashSet();

    private static async Task<List<(long Id, string Task, JobState State, string Result)>> RowsAsync(LabEnvironment lab, ServerAddress server, CancellationToken ct)
    {
        await using var connection = await LabConnections.OpenAsync(lab, server.Host, server.Port, ct);
        var exists = await connection.QueryScalarAsync<long>(
            $"SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = 'replication_manager_schema' AND TABLE_NAME = 'jobs'", ct);
        if (exists == 0)
            return [];
        var rows = await connection.QueryAsync($"SELECT id, task, state, IFNULL(result, '') AS result FROM replication_manager_schema.jobs", ct);
        return rows.Select(row => (row["id"].GetInt64(), row["task"].GetString(), (JobState)row["state"].GetInt32(), row["result"].GetString())).ToList();
    }

    /// <summary>A real mariabackup stream of the replica, made once and sent for every physical case.</summary>
    private static async Task MakePhysicalBackupAsync(LabEnvironment lab, LabHost host, string file, CancellationToken ct)
    {
        var target = Directory.CreateTempSubdirectory("repman-crash-backup-");
        try
        {
            var start = new ProcessStartInfo("sh") { RedirectStandardError = true };
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add($"mariabackup --backup --protocol=TCP --user={lab.RepmanUser} --host={host.Address} --port={host.Port} " +
                $"--password=\"$REPMAN_BACKUP_PASSWORD\" --stream=xbstream --datadir={host.DataDir} --target-dir={target.FullName} > {file}");
            start.Environment["REPMAN_BACKUP_PASSWORD"] = lab.RepmanPassword;
            using var process = Process.Start(start)!;
            var errors = await process.StandardError.ReadToEndAsync(ct);
            await process.WaitForExitAsync(ct);
            Assert.True(process.ExitCode == 0, errors);
        }
        finally
        {
            target.Delete(recursive: true);
        }
    }

    private sealed record JobKind(string Task, LabHost Host, string? Action, string? Payload, string Extra);

    private sealed record CrashOutcome(string Task, string Step, int? ExitCode, int RowsInFlight, int HalfListed, int Leftovers, string CrashedJob, string NextRun);
}
