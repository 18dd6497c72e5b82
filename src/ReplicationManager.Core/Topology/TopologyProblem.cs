namespace ReplicationManager.Core.Topology;

/// <summary>Something wrong with a cluster's topology, found by the analysis of a tick.</summary>
/// <param name="Code">The kind of problem.</param>
/// <param name="Server">The server it is about, or null when it is about the cluster as a whole.</param>
/// <param name="Message">One sentence for an operator, for example <c>Replica 127.0.0.12:3306: SQL thread stopped (1062: Duplicate entry...)</c>.</param>
public sealed record TopologyProblem(TopologyProblemCode Code, ServerAddress? Server, string Message)
{
    public override string ToString() => Message;
}
