using ReplicationManager.Core.Jobs;
using ReplicationManager.Core.Jobs.Local;
using ReplicationManager.Core.Options;
using ReplicationManager.Core.Topology;
using ReplicationManager.IntegrationTests.Lab;

namespace ReplicationManager.IntegrationTests.LocalTaskLab;

/// <summary>
/// A repman data directory of its own and the cluster options read from a small TOML file written there, as the
/// configuration loader reads them, for running local tasks against the lab.
/// </summary>
internal sealed class TaskLab : IDisposable
{
    public TaskLab(LabEnvironment lab, string settings = "", string? password = null)
    {
        Lab = lab;
        Datadir = Directory.CreateTempSubdirectory("repman-tasks-").FullName;
        var config = Path.Combine(Datadir, "config.toml");
        var hosts = string.Join(",", lab.Hosts.Select(host => $"{host.Address}:{host.Port}"));
        File.WriteAllText(config, $"""
            [Default]
            monitoring-datadir = "{Datadir}"

            [lab]
            db-servers-hosts = "{hosts}"
            {(settings.Contains("db-servers-credential", StringComparison.Ordinal) ? "" : $"db-servers-credential = \"{lab.RepmanUser}:{password ?? lab.RepmanPassword}\"")}
            db-servers-connect-timeout = 5
            {settings}
            """);
        Cluster = ConfigurationLoader.Load(config).Options.Clusters.Single();
    }

    public LabEnvironment Lab { get; }

    public string Datadir { get; }

    public ClusterOptions Cluster { get; }

    public ManualClock Clock { get; } = new(DateTimeOffset.UtcNow);

    public RecordingLogger Logger { get; } = new();

    public JobDestinations Destinations => new(Datadir, Cluster.Name);

    public LocalTaskContext ContextFor(LabHost host, ServerState state = ServerState.Master) =>
        new(Cluster, new ServerSnapshot { Address = AddressOf(host), State = state }, Destinations, Clock, Logger);

    public static ServerAddress AddressOf(LabHost host) => new(host.Address, host.Port);

    public string BackupDirectory(LabHost host) => Destinations.BackupDirectory(AddressOf(host));

    public string LogDirectory(LabHost host) => Destinations.LogDirectory(AddressOf(host));

    /// <summary>An option file with the lab credential, for the mariadb client and myloader the tests run themselves.</summary>
    public string ClientOptionFile()
    {
        var path = Path.Combine(Datadir, "client.cnf");
        File.WriteAllText(path, $"[client]\nuser={Lab.RepmanUser}\npassword={Lab.RepmanPassword}\n");
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return path;
    }

    public void Dispose() => Directory.Delete(Datadir, recursive: true);
}
