using ReplicationManager.Core.Topology;

namespace ReplicationManager.Core.Monitoring;

/// <summary>
/// When a server's state is worth writing to disk: when something an operator would look at changed (state, role,
/// port, replication threads, read_only, version), and otherwise every <see cref="RefreshTicks"/> ticks, as
/// replication-manager does, so that positions and status on disk stay roughly current without a write per tick.
/// </summary>
internal static class SavePolicy
{
    public const int RefreshTicks = 30;

    public static bool ShouldSave(ServerSnapshot? lastSaved, ServerSnapshot current, int ticksSinceSave)
    {
        ArgumentNullException.ThrowIfNull(current);
        if (current.LastSeen is null && !current.State.IsUnreachable())
            return false;
        return lastSaved is null || ticksSinceSave >= RefreshTicks || !Signature(lastSaved).Equals(Signature(current));
    }

    private static (ServerState, ServerState, bool, string?, int, bool, long?, string, string) Signature(ServerSnapshot server) => (
        server.State,
        server.PreviousState,
        server.IsInMaintenance,
        server.ExtraPortReason,
        server.MonitoringPort,
        server.ReadOnly,
        server.ServerId,
        server.VersionString,
        string.Join(';', server.ReplicationChannels.Select(c => $"{c.ConnectionName}:{c.MasterHost}:{c.MasterPort}:{c.SlaveIoRunning}:{c.SlaveSqlRunning}")));
}
