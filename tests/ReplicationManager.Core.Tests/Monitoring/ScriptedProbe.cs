using ReplicationManager.Core.Monitoring;

namespace ReplicationManager.Core.Tests.Monitoring;

/// <summary>A probe that answers what the test sets in <see cref="Next"/>, and counts its calls.</summary>
internal sealed class ScriptedProbe(ProbeResult initial) : IServerProbe
{
    public ProbeResult Next { get; set; } = initial;

    public int Calls { get; private set; }

    public int? LearnedExtraPort { get; private set; }

    public Task<ProbeResult> ProbeAsync(CancellationToken cancellationToken)
    {
        Calls++;
        return Task.FromResult(Next);
    }

    public void LearnExtraPort(int extraPort) => LearnedExtraPort = extraPort;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
