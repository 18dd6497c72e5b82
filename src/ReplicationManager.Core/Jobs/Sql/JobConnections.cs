using ReplicationManager.Core.Options;
using ReplicationManager.Core.Topology;
using ReplicationManager.MariaDb;

namespace ReplicationManager.Core.Jobs.Sql;

/// <summary>
/// One connection per server for job bookkeeping, apart from the monitoring connection: its session never writes to
/// the binary log, and <paramref name="prepare"/> runs once on each new connection (the table made sure of, rows
/// of a gone repman ended). Calls on one server run one at a time.
/// </summary>
internal sealed class JobConnections(MonitoringOptions monitoring, Func<ServerAddress, MariaDbConnection, CancellationToken, Task> prepare) : IAsyncDisposable
{
    private readonly Dictionary<ServerAddress, Slot> _slots = [];
    private readonly object _gate = new();

    public async Task<T> UseAsync<T>(ServerAddress server, Func<MariaDbConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        var slot = SlotOf(server);
        await slot.Gate.WaitAsync(cancellationToken);
        try
        {
            if (slot.Connection is null || slot.Connection.IsBroken)
            {
                if (slot.Connection is not null)
                    await slot.Connection.DisposeAsync();
                slot.Connection = null;
                slot.Connection = await OpenAsync(server, cancellationToken);
            }
            return await work(slot.Connection);
        }
        finally
        {
            slot.Gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        List<Slot> slots;
        lock (_gate)
            slots = _slots.Values.ToList();
        foreach (var slot in slots)
        {
            if (slot.Connection is not null)
                await slot.Connection.DisposeAsync();
            slot.Gate.Dispose();
        }
    }

    private async Task<MariaDbConnection> OpenAsync(ServerAddress server, CancellationToken cancellationToken)
    {
        var connection = await MariaDbConnection.OpenAsync(DatabaseConnectOptions.For(monitoring, server), cancellationToken);
        try
        {
            await JobsTable.PrepareSessionAsync(connection, cancellationToken);
            await prepare(server, connection, cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private Slot SlotOf(ServerAddress server)
    {
        lock (_gate)
        {
            if (!_slots.TryGetValue(server, out var slot))
                _slots[server] = slot = new Slot();
            return slot;
        }
    }

    private sealed class Slot
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public MariaDbConnection? Connection { get; set; }
    }
}
