namespace ReplicationManager.Core.Monitoring;

/// <summary>Reads one server each tick, keeping whatever connection it needs between ticks.</summary>
internal interface IServerProbe : IAsyncDisposable
{
    /// <summary>Reads the server; never throws for an unreachable server (that is a <see cref="ProbeResult"/>).</summary>
    Task<ProbeResult> ProbeAsync(CancellationToken cancellationToken);

    /// <summary>Tells the probe the server's extra port, learned from saved state before the first probe.</summary>
    void LearnExtraPort(int extraPort);
}
