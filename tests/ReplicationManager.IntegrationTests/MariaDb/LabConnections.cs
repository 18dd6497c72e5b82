using ReplicationManager.IntegrationTests.Lab;
using ReplicationManager.MariaDb;

namespace ReplicationManager.IntegrationTests.MariaDb;

/// <summary>Connection options for the lab's repman account.</summary>
internal static class LabConnections
{
    public static MariaDbConnectOptions Options(LabEnvironment lab, LabHost host) => Options(lab, host.Address, host.Port);

    public static MariaDbConnectOptions Options(LabEnvironment lab, string host, int port) => new()
    {
        Host = host,
        Port = port,
        User = lab.RepmanUser,
        Password = lab.RepmanPassword,
        ConnectTimeout = TimeSpan.FromSeconds(10),
        CommandTimeout = TimeSpan.FromSeconds(60),
    };

    public static Task<MariaDbConnection> OpenAsync(LabEnvironment lab, LabHost host, CancellationToken cancellationToken) =>
        MariaDbConnection.OpenAsync(Options(lab, host), cancellationToken);

    public static Task<MariaDbConnection> OpenAsync(LabEnvironment lab, string host, int port, CancellationToken cancellationToken) =>
        MariaDbConnection.OpenAsync(Options(lab, host, port), cancellationToken);

    public static Task<MariaDbConnection> OpenPrimaryAsync(LabEnvironment lab, CancellationToken cancellationToken) =>
        OpenAsync(lab, lab.Primary, cancellationToken);
}
