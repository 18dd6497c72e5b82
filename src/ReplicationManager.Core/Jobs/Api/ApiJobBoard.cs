using Microsoft.Extensions.Logging;
using ReplicationManager.Core.Logging;
using ReplicationManager.Core.Topology;

namespace ReplicationManager.Core.Jobs.Api;

/// <summary>
/// API mode (spec 6.1.8.2-6.1.8.4): a job waiting for the script is a cookie file,
/// <c>{datadir}/{cluster}/{host}_{port}/@cookie_wait{task}</c>, and its state lives in memory here, moved by the
/// script's REST calls. Nothing touches SQL, so jobs still run when the database is down. Job ids continue from
/// <c>firstId</c>, above every id the history knows.
/// </summary>
internal sealed class ApiJobBoard : IJobBoard
{
    public const string CookiePrefix = "@cookie_wait";

    private readonly object _gate = new();
    private readonly Dictionary<(ServerAddress Server, string Task), JobRow> _rows = [];
    private readonly JobDestinations _destinations;
    private readonly string _cluster;
    private readonly string _receiverHost;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private long _nextId;

    /// <param name="servers">Their cookies left by an earlier process are removed: the restart ended those jobs.</param>
    public ApiJobBoard(string cluster, string receiverHost, IEnumerable<ServerAddress> servers, JobDestinations destinations, long firstId, TimeProvider time, ILogger logger)
    {
        _cluster = cluster;
        _receiverHost = receiverHost;
        _destinations = destinations;
        _time = time;
        _logger = logger;
        _nextId = Math.Max(firstId, 1);
        foreach (var server in servers)
            RemoveStaleCookies(server);
    }

    public JobMode Mode => JobMode.Api;

    /// <summary>The cookie that tells the script a task waits for it.</summary>
    public string CookiePath(ServerAddress server, string task) => Path.Combine(_destinations.LogDirectory(server), CookiePrefix + task);

    public Task<IReadOnlyList<EnqueueResult>> EnqueueAsync(ServerAddress server, IReadOnlyList<JobPost> posts, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<EnqueueResult>>(posts.Select(post => Enqueue(server, post)).ToList());

    private EnqueueResult Enqueue(ServerAddress server, JobPost post)
    {
        var (task, initial) = (post.Task, post.Initial);
        JobRow row;
        lock (_gate)
        {
            if (_rows.TryGetValue((server, task), out var existing) && existing.State.IsActive())
            {
                var age = (long)(_time.GetUtcNow() - (existing.Start ?? _time.GetUtcNow())).TotalSeconds;
                return EnqueueResult.Refused(
                    $"task {task} is already {existing.State.ToString().ToLowerInvariant()} on this server (job {existing.Id}, started {age}s ago)");
            }
            row = new JobRow(_nextId++, task, post.Port, _receiverHost, false, initial, post.Result, post.Owner.ToPayload(), _time.GetUtcNow(), null);
            _rows[(server, task)] = row;
        }
        if (initial != JobState.Pending)
            return EnqueueResult.Enqueued(row.Id);
        try
        {
            Directory.CreateDirectory(_destinations.LogDirectory(server));
            File.WriteAllBytes(CookiePath(server, task), []);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            lock (_gate)
                _rows.Remove((server, task));
            return EnqueueResult.Refused($"cannot write the cookie {CookiePath(server, task)}: {ex.Message}");
        }
        return EnqueueResult.Enqueued(row.Id);
    }

    public Task<bool> ReleaseAsync(ServerAddress server, long id, int port, CancellationToken cancellationToken) =>
        Task.FromResult(Change(server, id, row => row with
        {
            Port = port,
            State = row.State == JobState.Halted ? JobState.Pending : row.State,
        }));

    public Task<IReadOnlyList<JobRow>> ReadAsync(ServerAddress server, CancellationToken cancellationToken)
    {
        lock (_gate)
            return Task.FromResult<IReadOnlyList<JobRow>>(_rows.Where(pair => pair.Key.Server == server).Select(pair => pair.Value).OrderBy(row => row.Id).ToList());
    }

    public Task<bool> TransitionAsync(ServerAddress server, long id, IReadOnlyCollection<JobState> from, JobState target, string message, CancellationToken cancellationToken)
    {
        JobRow? moved = null;
        var changed = Change(server, id, row =>
        {
            if (!from.Contains(row.State))
                return row;
            var done = target.IsOver() || target == JobState.Finished;
            moved = row with
            {
                State = target,
                Done = done,
                End = done ? _time.GetUtcNow() : row.End,
                Result = string.IsNullOrEmpty(row.Result) ? message : message.Length == 0 ? row.Result : row.Result + "\n" + message,
            };
            return moved;
        });
        if (changed && moved is { } ended && ended.State.IsOver())
            DeleteCookie(server, ended.Task);
        return Task.FromResult(changed && moved is not null);
    }

    public Task<bool> ClaimAsync(ServerAddress server, string task, CancellationToken cancellationToken)
    {
        var cookie = CookiePath(server, task);
        lock (_gate)
        {
            if (!File.Exists(cookie))
                return Task.FromResult(false);
            DeleteCookie(server, task);
            if (_rows.GetValueOrDefault((server, task)) is { State: JobState.Pending })
                return Task.FromResult(true);
        }
        JobLog.StaleCookieRemoved(_logger, cookie, server, _cluster);
        return Task.FromResult(false);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private bool Change(ServerAddress server, long id, Func<JobRow, JobRow> change)
    {
        lock (_gate)
        {
            var key = _rows.FirstOrDefault(pair => pair.Key.Server == server && pair.Value.Id == id).Key;
            if (key.Task is null)
                return false;
            _rows[key] = change(_rows[key]);
            return true;
        }
    }

    private void DeleteCookie(ServerAddress server, string task)
    {
        try
        {
            File.Delete(CookiePath(server, task));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            JobLog.CookieNotRemoved(_logger, CookiePath(server, task), server, _cluster, ex.Message);
        }
    }

    private void RemoveStaleCookies(ServerAddress server)
    {
        var directory = _destinations.LogDirectory(server);
        if (!Directory.Exists(directory))
            return;
        foreach (var cookie in Directory.EnumerateFiles(directory, CookiePrefix + "*"))
        {
            File.Delete(cookie);
            JobLog.StaleCookieRemoved(_logger, cookie, server, _cluster);
        }
    }
}
