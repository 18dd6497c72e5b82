using System.Globalization;
using System.Text.Json;

namespace ReplicationManager.Cli.Commands;

/// <summary>One job as the CLI shows it, read from the API's JSON (a repman job record).</summary>
internal sealed record JobView(long Id, string Task, string Server, int State, string Result, string? WaitingFor, long Start, long End, long? Bytes)
{
    private static readonly string[] StateNames = ["pending", "processing", "halted", "finished", "success", "error", "post-job error"];

    public (long Id, string Task, string Server) Key => (Id, Task, Server);

    public string StateName => State >= 0 && State < StateNames.Length ? StateNames[State] : $"state {State}";

    public bool IsOver => State >= 3;

    public bool Failed => State is 5 or 6;

    public string Phase => IsOver ? Result : WaitingFor ?? Result;

    /// <summary>The phase on one line of at most 120 characters.</summary>
    public string ShortPhase
    {
        get
        {
            var line = Phase.ReplaceLineEndings(" · ");
            return line.Length <= 120 ? line : line[..117] + "...";
        }
    }

    public string Duration => FormatDuration((End > 0 ? End : DateTimeOffset.UtcNow.ToUnixTimeSeconds()) - Start);

    public static JobView Of(JsonElement job, long? received = null)
    {
        var target = job.GetProperty("target");
        return new JobView(
            job.GetProperty("id").GetInt64(),
            job.Text("task"),
            $"{target.Text("host")}:{target.Text("port")}",
            job.GetProperty("state").GetInt32(),
            job.Text("result"),
            job.TryGetProperty("waitingFor", out var waiting) && waiting.ValueKind == JsonValueKind.String ? waiting.GetString() : null,
            job.GetProperty("start").GetInt64(),
            job.TryGetProperty("end", out var end) ? end.GetInt64() : 0,
            received ?? (job.TryGetProperty("bytes", out var bytes) && bytes.ValueKind == JsonValueKind.Number ? bytes.GetInt64() : null));
    }

    public static string FormatBytes(long? value)
    {
        if (value is not { } size)
            return "";
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB"];
        double scaled = size;
        var unit = 0;
        while (scaled >= 1024 && unit < units.Length - 1)
        {
            scaled /= 1024;
            unit++;
        }
        return unit == 0 ? $"{size} B" : string.Create(CultureInfo.InvariantCulture, $"{scaled:0.0} {units[unit]}");
    }

    private static string FormatDuration(long seconds) =>
        seconds < 60 ? $"{Math.Max(0, seconds)} s" : seconds < 3600 ? $"{seconds / 60} min {seconds % 60} s" : $"{seconds / 3600} h {seconds % 3600 / 60} min";
}
