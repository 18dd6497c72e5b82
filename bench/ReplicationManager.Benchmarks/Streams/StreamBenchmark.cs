using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using ReplicationManager.Core.Jobs.Streams;

namespace ReplicationManager.Benchmarks.Streams;

/// <summary>
/// Stream receive rate of repman's receiver against plain socat writing to a file, on the same bytes sent by the same
/// socat sender over loopback: <c>bench streams [MiB] [runs]</c>. repman's receiver also hashes (SHA-256) and fsyncs,
/// so the baseline is shown both as plain socat and as socat followed by an fsync of its file.
/// </summary>
internal static class StreamBenchmark
{
    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var mebibytes = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1024;
        var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
        var work = Path.Combine(Path.GetTempPath(), "repman-bench-streams");
        Directory.CreateDirectory(work);
        var source = await SourceFileAsync(work, mebibytes, cancellationToken);
        var bytes = new FileInfo(source).Length;

        var socat = new List<TimeSpan>();
        var socatSynced = new List<TimeSpan>();
        var ours = new List<TimeSpan>();
        for (var run = 0; run < runs; run++)
        {
            var (plain, synced) = await SocatToFileAsync(source, Path.Combine(work, "socat.out"), cancellationToken);
            socat.Add(plain);
            socatSynced.Add(synced);
            ours.Add(await ReceiverToFileAsync(source, Path.Combine(work, "repman.out"), bytes, cancellationToken));
        }
        File.Delete(Path.Combine(work, "socat.out"));
        File.Delete(Path.Combine(work, "repman.out"));

        var socatRate = Rate(bytes, Median(socat));
        var syncedRate = Rate(bytes, Median(socatSynced));
        var ourRate = Rate(bytes, Median(ours));
        Console.WriteLine($"streams.receive  {mebibytes} MiB x {runs} runs over loopback (median)");
        Console.WriteLine($"  socat -> file          {socatRate,8:0} MiB/s");
        Console.WriteLine($"  socat -> file + fsync  {syncedRate,8:0} MiB/s");
        Console.WriteLine($"  repman receiver        {ourRate,8:0} MiB/s   (SHA-256, fsync, hidden temp file + rename)");
        Console.WriteLine($"  ratio vs socat          {ourRate / socatRate:0.00}x   ratio vs socat+fsync {ourRate / syncedRate:0.00}x   (higher is better; target >= 0.95)");
        return 0;
    }

    private static async Task<(TimeSpan Plain, TimeSpan Synced)> SocatToFileAsync(string source, string output, CancellationToken cancellationToken)
    {
        var port = FreePort();
        using var receiver = Start("socat", "-u", $"TCP-LISTEN:{port},bind=127.0.0.1,reuseaddr", $"OPEN:{output},creat,trunc");
        await WaitListeningAsync(port, cancellationToken);
        var watch = Stopwatch.StartNew();
        using var sender = Start("socat", "-u", $"OPEN:{source}", $"TCP:127.0.0.1:{port}");
        await sender.WaitForExitAsync(cancellationToken);
        await receiver.WaitForExitAsync(cancellationToken);
        var plain = watch.Elapsed;
        using (var handle = File.OpenHandle(output, FileMode.Open, FileAccess.ReadWrite))
            RandomAccess.FlushToDisk(handle);
        return (plain, watch.Elapsed);
    }

    private static async Task<TimeSpan> ReceiverToFileAsync(string source, string output, long expected, CancellationToken cancellationToken)
    {
        var pool = new ReceiverPortPool([]);
        await using var receiver = StreamReceiver.Open(IPAddress.Loopback, await pool.AcquireAsync(cancellationToken), output, TimeProvider.System);
        var watch = Stopwatch.StartNew();
        using var sender = Start("socat", "-u", $"OPEN:{source}", $"TCP:127.0.0.1:{receiver.Endpoint.Port}");
        var receipt = await receiver.ReceiveAsync(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30), cancellationToken);
        receiver.Commit();
        var elapsed = watch.Elapsed;
        await sender.WaitForExitAsync(cancellationToken);
        if (receipt.Bytes != expected)
            throw new InvalidOperationException($"received {receipt.Bytes} bytes, expected {expected}");
        return elapsed;
    }

    private static async Task<string> SourceFileAsync(string work, int mebibytes, CancellationToken cancellationToken)
    {
        var path = Path.Combine(work, $"source-{mebibytes}.bin");
        if (File.Exists(path) && new FileInfo(path).Length == (long)mebibytes << 20)
            return path;
        await using var file = File.Create(path);
        var chunk = new byte[1 << 20];
        for (var i = 0; i < mebibytes; i++)
        {
            RandomNumberGenerator.Fill(chunk);
            await file.WriteAsync(chunk, cancellationToken);
        }
        return path;
    }

    private static Process Start(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { UseShellExecute = false };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        return Process.Start(start) ?? throw new InvalidOperationException($"cannot start {program}");
    }

    private static async Task WaitListeningAsync(int port, CancellationToken cancellationToken)
    {
        var properties = System.Net.NetworkInformation.IPGlobalProperties.GetIPGlobalProperties();
        while (!properties.GetActiveTcpListeners().Any(endpoint => endpoint.Port == port))
            await Task.Delay(5, cancellationToken);
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private static TimeSpan Median(List<TimeSpan> values) => values.Order().ElementAt(values.Count / 2);

    private static double Rate(long bytes, TimeSpan elapsed) => bytes / 1048576.0 / elapsed.TotalSeconds;
}
