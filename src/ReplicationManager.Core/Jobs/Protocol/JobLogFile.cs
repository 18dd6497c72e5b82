using System.Globalization;
using System.Text;
using ReplicationManager.Core.Logging;
using ReplicationManager.Core.Options;
using ReplicationManager.Core.Topology;

namespace ReplicationManager.Core.Jobs.Protocol;

/// <summary>
/// The lines job scripts push for a server, one file per task: <c>{datadir}/{cluster}/{host}_{port}/jobs/{task}.log</c>,
/// each line stamped with the time it arrived, the job id and its level, rotated by size (log-rotate-*). A batch is
/// appended in one write and handed to the system at once; the file of the latest batch stays open, as batches of one
/// job come one after another. The write is synchronous: a batch is a few hundred bytes into the page cache, cheaper
/// than a thread-pool hop. Callers serialize their calls.
/// </summary>
internal sealed class JobLogFile(LogRotation rotation, TimeProvider time) : IDisposable
{
    private RotatingLogFile? _file;

    public static string PathOf(JobDestinations destinations, ServerAddress server, string task) =>
        Path.Combine(destinations.LogDirectory(server), "jobs", task + ".log");

    public void Append(string path, long jobId, IReadOnlyList<(string Level, string Line)> lines, DateTimeOffset at)
    {
        var prefix = string.Create(CultureInfo.InvariantCulture, $"{at.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'} job {jobId} ");
        var text = new StringBuilder(lines.Count * (prefix.Length + 80));
        foreach (var (level, line) in lines)
            text.Append(prefix).Append(level).Append(' ').Append(line).Append('\n');
        if (_file?.FilePath != path)
        {
            _file?.Dispose();
            _file = new RotatingLogFile(path, rotation, time);
        }
        _file.Append(Encoding.UTF8.GetBytes(text.ToString()));
    }

    public void Dispose()
    {
        _file?.Dispose();
        _file = null;
    }
}
