using System.Diagnostics;
using System.Globalization;
using ReplicationManager.Core.Metrics.Whisper;

namespace ReplicationManager.IntegrationTests.Metrics;

/// <summary>repman's whisper files against Debian's python3-whisper, both ways.</summary>
public sealed class WhisperCompatibilityTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"repman-whisper-{Guid.NewGuid():N}");

    public WhisperCompatibilityTests() => Directory.CreateDirectory(_folder);

    [Fact(Timeout = 120_000)]
    public async Task PythonWhisperReadsWhatRepmanWroteIncludingTheCoarserArchive()
    {
        var ct = TestContext.Current.CancellationToken;
        var path = Path.Combine(_folder, "repman.wsp");
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        WhisperFile.Create(path, Retention.ParseList("10s:1h,1m:1d"));
        var start = now - 600 - (now % 60);
        for (var t = start; t < start + 300; t += 10)
            Assert.True(WhisperFile.Update(path, (t - start) / 10.0, t, now));

        var info = await RunAsync("whisper-info", [path], ct);
        Assert.Contains("aggregationMethod: average", info, StringComparison.Ordinal);
        Assert.Contains("maxRetention: 86400", info, StringComparison.Ordinal);
        var fine = Points(await RunAsync("whisper-fetch", ["--from", $"{start - 1}", "--until", $"{start + 299}", path], ct));
        Assert.Equal(Enumerable.Range(0, 30).Select(i => (start + (i * 10), (double?)i)), fine);
        // Older than the 10 s archive keeps: whisper reads the 1 min archive, averaged by repman.
        var coarse = Points(await RunAsync("whisper-fetch", ["--from", $"{now - 7200}", "--until", $"{start + 299}", path], ct));
        Assert.Equal([2.5, 8.5, 14.5, 20.5, 26.5], coarse.Where(p => p.Value is not null && p.Time >= start).Select(p => p.Value!.Value));
    }

    [Fact(Timeout = 120_000)]
    public async Task RepmanReadsWhatPythonWhisperWrote()
    {
        var ct = TestContext.Current.CancellationToken;
        var path = Path.Combine(_folder, "python.wsp");
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        await RunAsync("whisper-create", ["--xFilesFactor=0", "--aggregationMethod=max", path, "10s:1h", "1m:1d"], ct);
        var start = now - 900 - (now % 60);
        var points = Enumerable.Range(0, 12).Select(i => $"{start + (i * 10)}:{i * 1.5}").ToArray();
        await RunAsync("whisper-update", [path, .. points], ct);

        var header = WhisperFile.ReadHeader(path);
        Assert.Equal(WhisperAggregation.Max, header.Aggregation);
        Assert.Equal([10u, 60u], header.Archives.Select(a => a.SecondsPerPoint));
        var series = WhisperFile.Fetch(path, start - 1, start + 119, now);
        Assert.Equal(start, series.From);
        Assert.Equal(Enumerable.Range(0, 12).Select(i => (double?)(i * 1.5)), series.Values);
        var coarse = WhisperFile.Fetch(path, now - 7200, start + 119, now);
        Assert.Equal(60, coarse.Step);
        Assert.Equal([7.5, 16.5], coarse.Values.Where(v => v is not null).Select(v => v!.Value));
    }

    private static List<(long Time, double? Value)> Points(string fetched) => fetched
        .Split('\n', StringSplitOptions.RemoveEmptyEntries)
        .Select(line => line.Split('\t'))
        .Select(parts => (long.Parse(parts[0], CultureInfo.InvariantCulture), parts[1] == "None" ? (double?)null : double.Parse(parts[1], CultureInfo.InvariantCulture)))
        .ToList();

    private static async Task<string> RunAsync(string tool, string[] args, CancellationToken ct)
    {
        var start = new ProcessStartInfo($"/usr/bin/{tool}") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        Assert.True(File.Exists(start.FileName), $"{start.FileName} is missing: lab/lab.sh up installs python3-whisper");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var error = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        Assert.True(process.ExitCode == 0, $"{tool} {string.Join(' ', args)}: {await error}");
        return await output;
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
