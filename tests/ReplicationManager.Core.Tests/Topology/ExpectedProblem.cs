using ReplicationManager.Core.Topology;

namespace ReplicationManager.Core.Tests.Topology;

/// <summary>A problem a scenario expects; <see cref="MessageContains"/> checks a piece of its sentence when given.</summary>
internal sealed record ExpectedProblem(TopologyProblemCode Code, ServerAddress? Server, string? MessageContains)
{
    public override string ToString() => Server is null ? Code.ToString() : $"{Code} {Server}";
}
