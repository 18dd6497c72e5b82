using System.Diagnostics;
using ReplicationManager.MariaDb;

namespace ReplicationManager.IntegrationTests.Failover;

/// <summary>
/// A client writing numbered rows through HAProxy's write port as fast as one session can, reconnecting after any
/// error: it records every write the server acknowledged (the INSERT returned OK) and when, so that a test can
/// check none is lost and measure how long writes were refused.
/// </summary>
internal sealed class WriteLoad : IAsyncDisposable
{
    private readonly MariaDbConnectOptions _options;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<(long Id, TimeSpan At)> _acknowledged = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Task _loop;
    private int _errors;

    private WriteLoad(MariaDbConnectOptions options)
    {
        _options = options;
        _loop = Task.Run(() => RunAsync(_stop.Token));
    }

    public const string Table = "failover_test.writes";

    public static async Task<WriteLoad> StartAsync(MariaDbConnectOptions options, CancellationToken cancellationToken)
    {
        await using (var setup = await MariaDbConnection.OpenAsync(options, cancellationToken))
        {
            await setup.ExecuteAsync($"CREATE DATABASE IF NOT EXISTS failover_test", cancellationToken);
            await setup.ExecuteAsync($"CREATE TABLE IF NOT EXISTS failover_test.writes (id BIGINT PRIMARY KEY, at TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP(6)) ENGINE=InnoDB", cancellationToken);
        }
        return new WriteLoad(options);
    }

    public int Acknowledged
    {
        get
        {
            lock (_acknowledged)
                return _acknowledged.Count;
        }
    }

    /// <summary>Stops writing; the ids acknowledged, the errors seen and the longest time between two acknowledged writes.</summary>
    public async Task<(IReadOnlyList<long> Ids, int Errors, TimeSpan LongestGap)> StopAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        lock (_acknowledged)
        {
            var gap = _acknowledged.Zip(_acknowledged.Skip(1), (a, b) => b.At - a.At).DefaultIfEmpty(TimeSpan.Zero).Max();
            return (_acknowledged.Select(a => a.Id).ToList(), _errors, gap);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
            await StopAsync();
        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken stop)
    {
        MariaDbConnection? connection = null;
        long next = 1;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var id = next++;
                try
                {
                    connection ??= await MariaDbConnection.OpenAsync(_options, stop);
                    await connection.ExecuteAsync($"INSERT INTO failover_test.writes (id) VALUES ({id})", stop);
                    lock (_acknowledged)
                        _acknowledged.Add((id, _clock.Elapsed));
                }
                catch (MariaDbException)
                {
                    Interlocked.Increment(ref _errors);
                    if (connection is not null)
                        await connection.DisposeAsync();
                    connection = null;
                    await Task.Delay(10, stop);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        finally
        {
            if (connection is not null)
                await connection.DisposeAsync();
        }
    }
}
