using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using ReplicationManager.Core.Jobs;
using ReplicationManager.Core.Jobs.Api;
using ReplicationManager.Core.Jobs.Protocol;
using ReplicationManager.Core.Jobs.Streams;
using ReplicationManager.Core.Monitoring;
using ReplicationManager.Core.Options;
using ReplicationManager.Core.Topology;

namespace ReplicationManager.Benchmarks.Jobs;

/// <summary>
/// write-log ingestion on one core: <c>bench write-log [batches] [openssl-batches]</c>. The same encrypted batches of
/// mariabackup output (5 lines each, as the scripts send them) go through repman's whole ingestion (envelope opened,
/// JSON read, lines appended to the job log, the job's digest and position updated), and, as the baseline, through
/// <c>openssl enc -d</c>, one process per batch, which is how replication-manager decrypts them.
/// </summary>
internal static class WriteLogBenchmark
{
    private const string Password = "bench-Pa55 with spaces";
    private const int LinesPerBatch = 5;
    private static readonly ServerAddress Server = new("127.0.0.12", 3306);

    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var batches = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 40_000;
        var opensslBatches = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000;
        var work = Path.Combine(Path.GetTempPath(), "repman-bench-writelog-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        try
        {
            var bodies = Bodies(batches);
            var (engine, job) = await StartJobAsync(work, cancellationToken);
            await using (engine)
            {
                await IngestAsync(engine, bodies.Take(1000), cancellationToken);
                var ours = await Measurement.TakeAsync(() => IngestAsync(engine, bodies, cancellationToken));
                var digest = engine.Active.Single().Output!;
                if (digest.Lines != (long)(batches + 1000) * LinesPerBatch)
                    throw new InvalidOperationException($"{digest.Lines} lines ingested, expected {(batches + 1000) * LinesPerBatch}");
                var baseline = await OpensslAsync(bodies.Take(opensslBatches).ToList(), cancellationToken);
                var ourRate = batches * LinesPerBatch / ours.Cpu.TotalSeconds;
                var baseRate = opensslBatches * LinesPerBatch / baseline.TotalSeconds;
                Console.WriteLine($"jobs.write-log  {batches} batches of {LinesPerBatch} lines, one core (job {job})");
                Console.WriteLine($"  repman ingestion          {ourRate,10:0} lines/s of CPU  ({batches * LinesPerBatch / ours.Elapsed.TotalSeconds:0} lines/s wall, {ours.Allocated / (double)batches:0} B allocated per batch)");
                Console.WriteLine($"  openssl enc -d per batch  {baseRate,10:0} lines/s wall   ({opensslBatches} batches, one process each, as replication-manager does)");
                Console.WriteLine($"  ratio vs openssl           {ourRate / baseRate:0.0}x   (goal: >= 100000 lines/s and faster than the baseline)");
                return ourRate >= 100_000 && ourRate > baseRate ? 0 : 1;
            }
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static async Task IngestAsync(JobEngine engine, IEnumerable<byte[]> bodies, CancellationToken cancellationToken)
    {
        foreach (var body in bodies)
        {
            var plaintext = ScriptEnvelope.Open(body, Password, out var failure) ?? throw new InvalidOperationException(failure);
            using var json = LenientJson.ReadObject(plaintext) ?? throw new InvalidOperationException("not an object");
            var batch = ScriptBody.LogBatch(json.RootElement, 10_000, out failure) ?? throw new InvalidOperationException(failure);
            if (await engine.Script.LogAsync(Server, JobTasks.Mariabackup, batch, cancellationToken) is { } refused)
                throw new InvalidOperationException(refused);
        }
    }

    private static async Task<TimeSpan> OpensslAsync(IReadOnlyList<byte[]> bodies, CancellationToken cancellationToken)
    {
        var key = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(Password)));
#pragma warning disable CA5351 // the protocol's IV
        var iv = Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(Encoding.UTF8.GetBytes(Password)));
#pragma warning restore CA5351
        var watch = Stopwatch.StartNew();
        foreach (var body in bodies)
        {
            var data = Encoding.UTF8.GetString(body)["{\"data\":\"".Length..^2];
            var start = new ProcessStartInfo("openssl") { RedirectStandardInput = true, RedirectStandardOutput = true };
            foreach (var arg in new[] { "enc", "-d", "-aes-256-cbc", "-a", "-A", "-nosalt", "-K", key, "-iv", iv })
                start.ArgumentList.Add(arg);
            using var openssl = Process.Start(start)!;
            await openssl.StandardInput.WriteLineAsync(data.AsMemory(), cancellationToken);
            openssl.StandardInput.Close();
            var plaintext = await openssl.StandardOutput.ReadToEndAsync(cancellationToken);
            await openssl.WaitForExitAsync(cancellationToken);
            if (openssl.ExitCode != 0 || !plaintext.StartsWith('{'))
                throw new InvalidOperationException("openssl could not decrypt a batch");
        }
        return watch.Elapsed;
    }

    private static List<byte[]> Bodies(int count)
    {
        var lines = Enumerable.Range(0, LinesPerBatch * 64).Select(i => i % 64 == 63
            ? $"[00] 2026-12-06 11:05:56 MySQL binlog position: filename 'binlog.000001', position '{i}', GTID of the last change '0-11-{i}'"
            : $"[01] 2026-12-06 11:05:55 Streaming ./test/table_{i:D4}.ibd to <STDOUT>").ToArray();
        return Enumerable.Range(0, count).Select(i =>
        {
            var batch = string.Join("\\n", Enumerable.Range(0, LinesPerBatch).Select(j => lines[(i * LinesPerBatch + j) % lines.Length]));
            return Encoding.UTF8.GetBytes(ScriptEnvelope.Seal($"{{\"server\":\"{Server}\",\"log\":\"{batch}\",\"level\":\"INFO\"}}", Password));
        }).ToList();
    }

    private static async Task<(JobEngine Engine, long Job)> StartJobAsync(string work, CancellationToken cancellationToken)
    {
        var config = Path.Combine(work, "config.toml");
        await File.WriteAllTextAsync(config, $"""
            [Default]
            monitoring-datadir = "{work}"
            [bench]
            db-servers-hosts = "{Server}"
            db-servers-credential = "repman:{Password}"
            scheduler-jobs-mode = "api"
            """, cancellationToken);
        var cluster = ConfigurationLoader.Load(config).Options.Clusters[0];
        var history = await JobHistory.LoadAsync(cluster.Name, cluster.Monitoring.Hosts, new ServerStateJobHistoryStore(new ServerStateStore(work)), 100, cancellationToken);
        var destinations = new JobDestinations(work, cluster.Name);
        var board = new ApiJobBoard(cluster.Name, "127.0.0.1", cluster.Monitoring.Hosts, destinations, 1, TimeProvider.System, NullLogger.Instance);
        var engine = new JobEngine(cluster, history, board, new ReceiverPortPool([]), destinations, TimeProvider.System, NullLogger<JobEngine>.Instance, "bench");
        var submitted = await engine.SubmitRemoteAsync(Server, JobTasks.Mariabackup, cancellationToken);
        return (engine, submitted.Job!.Id);
    }
}
