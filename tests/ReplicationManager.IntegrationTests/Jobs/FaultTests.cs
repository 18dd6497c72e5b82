using System.Diagnostics;
using System.Text.Json;
using ReplicationManager.Core.Jobs;
using ReplicationManager.Core.Topology;
using ReplicationManager.IntegrationTests.Api;
using ReplicationManager.IntegrationTests.Lab;
using ReplicationManager.IntegrationTests.LocalTaskLab;
using ReplicationManager.IntegrationTests.MariaDb;
using ReplicationManager.MariaDb;

namespace ReplicationManager.IntegrationTests.Jobs;

/// <summary>
/// The real executable when what it stands on fails: its data directory full (a size-limited tmpfs) or read-only
/// (a read-only tmpfs), its port pool exhausted. Each failure is a clear error on the job and in the log, nothing is
/// listed that is not whole, and the next run succeeds once the cause is gone.
/// </summary>
public sealed class FaultTests
{
    private const string Cluster = "faults";
    private static readonly TimeSpan JobDeadline = TimeSpan.FromSeconds(120);

    [Fact(Timeout = 120_000)]
    public async Task ADataDirectoryThatIsReadOnlyStopsTheStartWithTheReasonAndExitCodeThree()
    {
        var ct = TestContext.Current.CancellationToken;
        using var config = new RepmanTestConfig();
        Directory.CreateDirectory(config.Datadir);
        await using var mount = await Tmpfs.MountAsync(config.Datadir, "ro,size=1m", ct);
        await using var repman = await RepmanServerProcess.StartAsync(config.ConfigPath, null, ct);

        var exitCode = await repman.WaitForExitAsync(TimeSpan.FromSeconds(30), ct);

        Assert.Equal(3, exitCode);
        Assert.Contains($"repman cannot start: monitoring-datadir {config.Datadir} is not writable (Read-only file system", repman.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", repman.Output, StringComparison.Ordinal);
    }

    [Fact(Timeout = 300_000)]
    public async Task AFullDataDirectoryEndsTheStreamInErrorListsNothingAndTheNextRunSucceeds()
    {
        var ct = TestContext.Current.CancellationToken;
        var lab = LabEnvironment.Require();
        var replica = lab.Replicas[0];
        var server = new ServerAddress(replica.Address, replica.Port);
        using var config = new RepmanTestConfig(RepmanTestConfig.LabCluster(lab, Cluster));
        Directory.CreateDirectory(config.Datadir);
        await using var mount = await Tmpfs.MountAsync(config.Datadir, "size=4m", ct);
        var large = Payload(6 << 20);
        var small = Payload(64 << 10);
        try
        {
            await using var repman = await RepmanServerProcess.StartAsync(config.ConfigPath, config.HttpPort, ct);
            using var api = await RepmanApiClient.LoginAsync(config, ct);

            var started = Stopwatch.GetTimestamp();
            var (failedId, sent) = await SqlModeScript.RunAsync(api, Cluster, replica, "backup-error-log", large, ct);
            var failed = await api.WaitForJobEndAsync(Cluster, server, failedId, JobDeadline, ct);
            var toError = Stopwatch.GetElapsedTime(started);
            var (nextId, _) = await SqlModeScript.RunAsync(api, Cluster, replica, "backup-error-log", small, ct);
            var next = await api.WaitForJobEndAsync(Cluster, server, nextId, JobDeadline, ct);

            TestContext.Current.TestOutputHelper?.WriteLine(
                $"6 MiB stream into a 4 MiB data directory: ended in state {failed.GetProperty("state").GetInt32()} after {toError.TotalSeconds:0.0} s (socat sent all: {sent}): {failed.GetProperty("result").GetString()}");
            // The script reported success (socat sent it all); repman could not keep it: an error after the script's end.
            Assert.Contains((JobState)failed.GetProperty("state").GetInt32(), new[] { JobState.Error, JobState.ErrorAfter });
            Assert.Contains("No space left on device", failed.GetProperty("result").GetString(), StringComparison.Ordinal);
            Assert.Contains("No space left on device", repman.Output, StringComparison.Ordinal);
            Assert.Equal((int)JobState.Success, next.GetProperty("state").GetInt32());
            var logs = Path.Combine(config.Datadir, Cluster, server.FolderName);
            Assert.Empty(Directory.GetFileSystemEntries(logs, ".*"));
            Assert.Equal([next.GetProperty("path").GetString()!], Directory.GetFiles(logs, "*error*"));
        }
        finally
        {
            File.Delete(large);
            File.Delete(small);
        }
    }

    [Fact(Timeout = 300_000)]
    public async Task ALogicalBackupThatFillsTheDiskFailsListsNothingAndTheNextOneLands()
    {
        var ct = TestContext.Current.CancellationToken;
        var lab = LabEnvironment.Require();
        var primary = new ServerAddress(lab.Primary.Address, lab.Primary.Port);
        using var config = new RepmanTestConfig(RepmanTestConfig.LabCluster(lab, Cluster, """
            backup-mysqldump-options = "--single-transaction --databases mysql"
            """));
        Directory.CreateDirectory(config.Datadir);
        await using var mount = await Tmpfs.MountAsync(config.Datadir, "size=8m", ct);
        await using var repman = await RepmanServerProcess.StartAsync(config.ConfigPath, config.HttpPort, ct);
        using var api = await RepmanApiClient.LoginAsync(config, ct);
        // Leave the dump some 64 KiB: less than it needs.
        var filler = Path.Combine(config.Datadir, "filler");
        await using (var stream = File.Create(filler))
        {
            // Written, not sized: a tmpfs file made by SetLength is sparse and takes no room.
            var room = new byte[new DriveInfo(config.Datadir).AvailableFreeSpace - (64 << 10)];
            await stream.WriteAsync(room, ct);
        }

        var failed = await api.WaitForJobEndAsync(Cluster, primary, await api.StartJobAsync(Cluster, primary, "backup-logical", ct), JobDeadline, ct);
        File.Delete(filler);
        var next = await api.WaitForJobEndAsync(Cluster, primary, await api.StartJobAsync(Cluster, primary, "backup-logical", ct), JobDeadline, ct);

        TestContext.Current.TestOutputHelper?.WriteLine($"mysqldump with 64 KiB free: state {failed.GetProperty("state").GetInt32()}: {failed.GetProperty("result").GetString()}");
        Assert.Equal((int)JobState.Error, failed.GetProperty("state").GetInt32());
        Assert.Contains("No space left on device", failed.GetProperty("result").GetString(), StringComparison.Ordinal);
        Assert.Equal((int)JobState.Success, next.GetProperty("state").GetInt32());
        var (status, backups) = await api.SendAsync(HttpMethod.Get, $"/api/clusters/{Cluster}/backups", ct);
        Assert.Equal(200, status);
        Assert.Equal([next.GetProperty("path").GetString()], backups.EnumerateArray().Select(backup => backup.GetProperty("path").GetString()));
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(config.Datadir, "Backups", Cluster, primary.FolderName), ".*"));
    }

    [Fact(Timeout = 300_000)]
    public async Task ADatabaseKilledMidDumpEndsTheBackupInErrorListsNothingAndTheNextOneLands()
    {
        var ct = TestContext.Current.CancellationToken;
        var lab = LabEnvironment.Require();
        await using var fresh = await FreshHost.CreateAsync(lab, ct);
        var host = fresh.Host;
        var server = new ServerAddress(host.Address, host.Port);
        await using (var connection = await LabConnections.OpenAsync(lab, host, ct))
        {
            // Some 150 MB of hex that gzip cannot shrink much: a dump that lasts seconds, long enough to be cut.
            await connection.ExecuteAsync($"CREATE DATABASE middump", ct);
            await connection.ExecuteAsync($"CREATE TABLE middump.t (id INT PRIMARY KEY, pad VARCHAR(1024)) ENGINE=InnoDB", ct);
            await connection.ExecuteAsync(
                $"INSERT INTO middump.t SELECT seq, REPEAT(MD5(RAND()), 32) FROM middump.seq_1_to_150000", ct);
        }
        using var config = new RepmanTestConfig($"""
            [{Cluster}]
            db-servers-hosts = "{host.Address}:{host.Port}"
            db-servers-credential = "{lab.RepmanUser}:{lab.RepmanPassword}"
            monitoring-address = "127.0.0.1"
            monitoring-ticker = 1
            backup-mysqldump-options = "--single-transaction --databases middump"
            """);
        await using var repman = await RepmanServerProcess.StartAsync(config.ConfigPath, config.HttpPort, ct);
        using var api = await RepmanApiClient.LoginAsync(config, ct);
        var backups = Path.Combine(config.Datadir, "Backups", Cluster, server.FolderName);

        var cut = await api.StartJobAsync(Cluster, server, "backup-logical", ct);
        await Eventually.WaitUntilAsync("the dump is being written", TimeSpan.FromSeconds(60), () =>
            Task.FromResult((Directory.Exists(backups) && Directory.GetFiles(backups, ".*.partial").Any(file => new FileInfo(file).Length > 0), "no partial dump yet")), ct);
        await lab.RunLabAsync(ct, "kill", "9");
        var failed = await api.WaitForJobEndAsync(Cluster, server, cut, JobDeadline, ct);
        var leftovers = Directory.GetFileSystemEntries(backups, ".*");
        await lab.RunLabAsync(ct, "start", "9");
        var next = await api.WaitForJobEndAsync(Cluster, server, await api.StartJobAsync(Cluster, server, "backup-logical", ct), JobDeadline, ct);

        TestContext.Current.TestOutputHelper?.WriteLine($"server killed mid-dump: state {failed.GetProperty("state").GetInt32()}: {failed.GetProperty("result").GetString()}");
        Assert.Equal((int)JobState.Error, failed.GetProperty("state").GetInt32());
        Assert.Contains($"mysqldump backup of {server} failed", failed.GetProperty("result").GetString(), StringComparison.Ordinal);
        Assert.Empty(leftovers);
        Assert.Equal((int)JobState.Success, next.GetProperty("state").GetInt32());
        var (status, listed) = await api.SendAsync(HttpMethod.Get, $"/api/clusters/{Cluster}/backups", ct);
        Assert.Equal(200, status);
        Assert.Equal([next.GetProperty("path").GetString()], listed.EnumerateArray().Select(backup => backup.GetProperty("path").GetString()));
    }

    [Fact(Timeout = 300_000)]
    public async Task WhileTheHistoryCannotBeWrittenScheduledBackupsStillRunAndNoJobIsLostOnceItCanAgain()
    {
        var ct = TestContext.Current.CancellationToken;
        var lab = LabEnvironment.Require();
        var primary = new ServerAddress(lab.Primary.Address, lab.Primary.Port);
        using var config = new RepmanTestConfig(RepmanTestConfig.LabCluster(lab, Cluster, """
            monitoring-scheduler = true
            scheduler-db-servers-logical-backup = true
            scheduler-db-servers-logical-backup-cron = "*/2 * * * * *"
            backup-mysqldump-options = "--single-transaction --databases mysql"
            """));
        await using var repman = await RepmanServerProcess.StartAsync(config.ConfigPath, config.HttpPort, ct);
        using var api = await RepmanApiClient.LoginAsync(config, ct);
        await SucceededAsync(api, primary, 1, ct);

        // A read-only tmpfs over the server's folder: every save of its history fails (EROFS, even as root), while
        // the backups, kept under Backups/, still land. Unmounted, the folder shows its old file again.
        var folder = Path.Combine(config.Datadir, Cluster, primary.FolderName);
        var historyFile = Path.Combine(folder, "serverstate.json");
        List<string> during;
        await using (await Tmpfs.MountAsync(folder, "ro,size=1m", ct))
            during = await SucceededAsync(api, primary, 3, ct);
        var missing = new List<string>();
        // A result's later lines (retention) are escaped in the file: its first line names the backup.
        await Eventually.WaitUntilAsync("every backup made meanwhile is in the history file again", TimeSpan.FromSeconds(30), async () =>
        {
            var saved = await File.ReadAllTextAsync(historyFile, ct);
            missing = during.Select(result => result.Split('\n')[0]).Where(line => !saved.Contains(line, StringComparison.Ordinal)).ToList();
            return (missing.Count == 0, $"not in the history file: {string.Join(" | ", missing)}");
        }, ct);

        TestContext.Current.TestOutputHelper?.WriteLine($"history unwritable: {during.Count} backups succeeded meanwhile, none missing from the file once it could be written");
        Assert.Contains("could not be saved", repman.Output, StringComparison.Ordinal);
    }

    /// <summary>Waits for at least <paramref name="count"/> successful jobs on the server; their results, newest first.</summary>
    private static async Task<List<string>> SucceededAsync(RepmanApiClient api, ServerAddress server, int count, CancellationToken ct)
    {
        static List<string> Results(IReadOnlyList<JsonElement> jobs) =>
            jobs.Where(job => job.GetProperty("state").GetInt32() == (int)JobState.Success).Select(job => job.GetProperty("result").GetString()!).ToList();
        return Results(await api.WaitForJobsAsync(Cluster, server, $"{count} successful jobs", jobs => Results(jobs).Count >= count, TimeSpan.FromSeconds(120), ct));
    }

    [Fact(Timeout = 300_000)]
    public async Task AnExhaustedPortPoolEndsTheWaitingJobInErrorAndTheNextRunGetsThePort()
    {
        var ct = TestContext.Current.CancellationToken;
        var lab = LabEnvironment.Require();
        var (first, second) = (lab.Replicas[0], lab.Replicas[1]);
        var port = FreePorts.Next();
        using var config = new RepmanTestConfig(RepmanTestConfig.LabCluster(lab, Cluster, $"""
            scheduler-db-servers-sender-ports = "{port}"
            scheduler-jobs-port-wait-timeout = 3
            """));
        var payload = Payload(64 << 10);
        try
        {
            await using var repman = await RepmanServerProcess.StartAsync(config.ConfigPath, config.HttpPort, ct);
            using var api = await RepmanApiClient.LoginAsync(config, ct);
            var holder = await api.StartJobAsync(Cluster, new ServerAddress(first.Address, first.Port), "backup-error-log", ct);
            await using var rows = await JobsHarness.CreateAsync(keepRows: true);
            await rows.WaitForRowAsync(new ServerAddress(first.Address, first.Port), holder, row => row.Port == port, ct);

            var started = Stopwatch.GetTimestamp();
            var waiting = await api.StartJobAsync(Cluster, new ServerAddress(second.Address, second.Port), "backup-error-log", ct);
            var refused = await api.WaitForJobEndAsync(Cluster, new ServerAddress(second.Address, second.Port), waiting, JobDeadline, ct);
            var waited = Stopwatch.GetElapsedTime(started);
            await api.SendAsync(HttpMethod.Post, $"/api/clusters/{Cluster}/servers/{ServerIdentity.IdOf(new ServerAddress(first.Address, first.Port))}/actions/job-cancel/errorlog", ct);
            await api.WaitForJobEndAsync(Cluster, new ServerAddress(first.Address, first.Port), holder, JobDeadline, ct);
            var (nextId, _) = await SqlModeScript.RunAsync(api, Cluster, second, "backup-error-log", payload, ct);
            var next = await api.WaitForJobEndAsync(Cluster, new ServerAddress(second.Address, second.Port), nextId, JobDeadline, ct);

            TestContext.Current.TestOutputHelper?.WriteLine(
                $"pool of one port, held: the second job ended in state {refused.GetProperty("state").GetInt32()} after {waited.TotalSeconds:0.0} s: {refused.GetProperty("result").GetString()}");
            Assert.Equal((int)JobState.Error, refused.GetProperty("state").GetInt32());
            Assert.Contains("waiting for a receiver port", refused.GetProperty("result").GetString(), StringComparison.Ordinal);
            Assert.Equal((int)JobState.Success, next.GetProperty("state").GetInt32());
        }
        finally
        {
            File.Delete(payload);
        }
    }

    private static string Payload(int bytes)
    {
        var path = Path.GetTempFileName();
        File.WriteAllBytes(path, System.Security.Cryptography.RandomNumberGenerator.GetBytes(bytes));
        return path;
    }

    /// <summary>A tmpfs mounted over a directory for one test (the test runs as root, as the lab does).</summary>
    private sealed class Tmpfs : IAsyncDisposable
    {
        private readonly string _directory;

        private Tmpfs(string directory) => _directory = directory;

        public static async Task<Tmpfs> MountAsync(string directory, string options, CancellationToken ct)
        {
            await RunAsync("mount", ["-t", "tmpfs", "-o", options, "tmpfs", directory], ct);
            return new Tmpfs(directory);
        }

        public async ValueTask DisposeAsync() => await RunAsync("umount", [_directory], CancellationToken.None);

        private static async Task RunAsync(string command, string[] arguments, CancellationToken ct)
        {
            var start = new ProcessStartInfo(command) { RedirectStandardError = true };
            foreach (var argument in arguments)
                start.ArgumentList.Add(argument);
            using var process = Process.Start(start)!;
            var errors = await process.StandardError.ReadToEndAsync(ct);
            await process.WaitForExitAsync(ct);
            Assert.True(process.ExitCode == 0, $"{command} {string.Join(' ', arguments)}: {errors}");
        }
    }
}
