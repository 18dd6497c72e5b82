using ReplicationManager.IntegrationTests.Lab;
using ReplicationManager.MariaDb;

namespace ReplicationManager.IntegrationTests.MariaDb;

/// <summary>Connection options for the lab's repman account.</summary>
internal static class LabConnections
{
    public static MariaDbConnectOptions Options(LabEnvironment lab, LabHost host) => new()
    {
        Host = host.Address,
        Port = host.Port,
        User = lab.RepmanUser,
        Password = lab.RepmanPassword,
        ConnectTimeout = TimeSpan.FromSeconds(10),
        CommandTimeout = TimeSpan.FromSeconds(60),
    };

    public static Task<MariaDbConnection> OpenAsync(LabEnvironment lab, LabHost host, CancellationToken cancellationToken) =>
        MariaDbConnection.OpenAsync(Options(lab, host), cancellationToken);

    public static Task<MariaDbConnection> OpenPrimaryAsync(LabEnvironment lab, CancellationToken cancellationToken) =>
        OpenAsync(lab, lab.Primary, cancellationToken);
}
