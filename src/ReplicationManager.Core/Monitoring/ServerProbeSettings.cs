using ReplicationManager.Core.Options;
using ReplicationManager.MariaDb;

namespace ReplicationManager.Core.Monitoring;

/// <summary>How a probe connects: the cluster's credentials and TLS, with the short monitoring query timeout.</summary>
internal sealed record ServerProbeSettings(MonitoringOptions Monitoring)
{
    /// <summary>
    /// How old the status values and the variables not read every tick may get (they feed graphs, the API and
    /// checks that change only with an operator's SET GLOBAL or a restart, and a restart means a new connection).
    /// </summary>
    public TimeSpan FullReadInterval { get; init; } = TimeSpan.FromSeconds(10);

    public static ServerProbeSettings From(MonitoringOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new(options);
    }

    // A probe's statements are short reads: the KILL of one that timed out gets a second, not the five a statement
    // that may hold locks gets, so that a hung server costs its probe little more than its timeout.
    public MariaDbConnectOptions ConnectOptions(string host, int port) =>
        DatabaseConnections.For(Monitoring, host, port, Monitoring.QueryTimeout, "repman-monitoring") with { StatementStopTimeout = TimeSpan.FromSeconds(1) };
}
