using System.Text.Json;

namespace ReplicationManager.Cli.Commands;

/// <summary>
/// Which jobs <c>--follow</c> and <c>--wait</c> watch, from the cluster's <c>jobs</c> events: the jobs named, or
/// (without names) every job running at the first event and every one that starts after; done when all have ended.
/// </summary>
internal sealed class JobFollow(HashSet<(long Id, string Task, string Server)>? keys)
{
    private readonly Dictionary<(long, string, string), JobView> _followed = [];
    private readonly Dictionary<(long, string, string), string> _told = [];

    public IEnumerable<JobView> Followed => _followed.Values;

    public int ExitCode => _followed.Values.Any(job => job.Failed) ? ExitCodes.Failed : ExitCodes.Ok;

    /// <summary>Takes one <c>jobs</c> event; true once every job followed has ended.</summary>
    public bool Update(JsonElement data)
    {
        foreach (var entry in data.Items("jobs"))
        {
            var received = entry.TryGetProperty("received", out var bytes) && bytes.ValueKind == JsonValueKind.Number ? bytes.GetInt64() : (long?)null;
            var job = JobView.Of(entry.GetProperty("job"), received);
            var wanted = keys is null ? _followed.ContainsKey(job.Key) || !job.IsOver : keys.Contains(job.Key);
            if (wanted)
                _followed[job.Key] = job;
        }
        var waitingForNamed = keys is not null && keys.Any(key => !_followed.ContainsKey(key));
        return !waitingForNamed && _followed.Values.All(job => job.IsOver);
    }

    /// <summary>The jobs whose description changed since the last call.</summary>
    public IEnumerable<JobView> Changed()
    {
        foreach (var job in _followed.Values)
        {
            var text = Describe(job);
            if (_told.GetValueOrDefault(job.Key) == text)
                continue;
            _told[job.Key] = text;
            yield return job;
        }
    }

    public static string Describe(JobView job)
    {
        var phase = job.Phase.Length == 0 ? "" : $" ({job.ShortPhase})";
        var bytes = job.Bytes is { } received && !job.IsOver ? $", {JobView.FormatBytes(received)} received" : "";
        return $"job {job.Id} {job.Task} on {job.Server}: {job.StateName}{phase}{bytes}";
    }
}
