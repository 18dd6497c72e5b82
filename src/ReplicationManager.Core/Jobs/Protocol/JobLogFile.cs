using System.Globalization;
using System.Text;
using ReplicationManager.Core.Topology;

namespace ReplicationManager.Core.Jobs.Protocol;

/// <summary>
/// The lines job scripts push for a server, one file per task: <c>{datadir}/{cluster}/{host}_{port}/jobs/{task}.log</c>,
/// each line stamped with the time it arrived, the job id and its level. A batch is appended in one write.
/// </summary>
internal static class JobLogFile
{
    public static string PathOf(JobDestinations destinations, ServerAddress server, string task) =>
        Path.Combine(destinations.LogDirectory(server), "jobs", task + ".log");

    public static async Task AppendAsync(string path, long jobId, IReadOnlyList<(string Level, string Line)> lines, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var stamp = at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var text = new StringBuilder();
        foreach (var (level, line) in lines)
            text.Append(CultureInfo.InvariantCulture, $"{stamp} job {jobId} {level} {line}\n");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await using var file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read, 1, FileOptions.None);
        await file.WriteAsync(Encoding.UTF8.GetBytes(text.ToString()), cancellationToken);
    }
}
