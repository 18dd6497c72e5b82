using System.Collections.Concurrent;
using ReplicationManager.Core.Topology;

namespace ReplicationManager.Core.Jobs;

/// <summary>
/// The ends of jobs that their rows did not get: the job ended (in the history) while its server did not answer, so
/// its row still says it runs, and the jobs table refuses the next job of that task there. Each is written again at
/// every tick (in the background) and before the next job is boarded on that server, until the server takes it.
/// </summary>
internal sealed class RowCorrections
{
    private readonly ConcurrentDictionary<(ServerAddress Server, long Id), (IReadOnlyList<JobState> From, JobState To, string Message)> _pending = new();

    private int _passRunning;

    public bool IsEmpty => _pending.IsEmpty;

    /// <summary>
    /// One pass over every server's remembered ends, unless one is already running: a server that does not answer
    /// can hold a pass for its connect timeout, which must not stall the engine's tick or pile up passes.
    /// </summary>
    public async Task ApplyAllOnceAsync(IJobBoard board, CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _passRunning, 1) == 1)
            return;
        try
        {
            await ApplyAsync(board, null, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // repman is stopping: the next start ends the rows (JobRecovery).
        }
        finally
        {
            Volatile.Write(ref _passRunning, 0);
        }
    }

    public void Remember(ServerAddress server, long id, IReadOnlyList<JobState> from, JobState to, string message) =>
        _pending[(server, id)] = (from, to, message);

    /// <summary>Writes the remembered ends of <paramref name="server"/>'s rows (every server's when null); what fails waits for the next call.</summary>
    public async Task ApplyAsync(IJobBoard board, ServerAddress? server, CancellationToken cancellationToken)
    {
        foreach (var ((target, id), (from, to, message)) in _pending.Where(pair => server is null || pair.Key.Server == server).ToList())
        {
            try
            {
                await board.TransitionAsync(target, id, from, to, message, cancellationToken);
                _pending.TryRemove((target, id), out _);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Still unreachable: the next tick tries again.
            }
        }
    }
}
