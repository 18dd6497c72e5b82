using System.Text.Json.Nodes;
using ReplicationManager.Core.Monitoring;
using ReplicationManager.Core.Topology;
using ReplicationManager.IntegrationTests.Lab;

namespace ReplicationManager.IntegrationTests.Monitoring;

/// <summary>serverstate.json is written for each lab host, and a restarted monitor shows it before its first probe.</summary>
public sealed class SavedStateTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private readonly string _datadir = Path.Combine(Path.GetTempPath(), "repman-saved-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_datadir))
            Directory.Delete(_datadir, recursive: true);
    }

    [Fact(Timeout = 90_000)]
    public async Task StateIsWrittenForEveryHostAndReloadedAtStart()
    {
        var ct = TestContext.Current.CancellationToken;
        var lab = LabEnvironment.Require();
        await lab.RunLabAsync(ct, "up");
        var store = new ServerStateStore(_datadir);
        await using (var first = MonitoredLab.Start(lab, ct, _datadir))
        {
            // A tick publishes its snapshot, then saves what changed: wait for the files, not only for the snapshot.
            await first.WaitUntilAsync(s => s.Servers.All(server => server.IsReachable && File.Exists(store.PathOf("lab", server.Address))),
                "healthy and saved", Deadline, ct);
        }

        var primaryFile = store.PathOf("lab", new ServerAddress(lab.Primary.Address, lab.Primary.Port));
        var document = JsonNode.Parse(await File.ReadAllTextAsync(primaryFile, ct))!.AsObject();
        Assert.Equal("Master", (string?)document["monitoring"]!["state"]);
        Assert.Equal(lab.Primary.ServerId.ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)document["variables"]!["SERVER_ID"]);
        Assert.NotNull(document["status"]!["THREADS_CONNECTED"]);
        var replicaFile = store.PathOf("lab", new ServerAddress(lab.Replicas[0].Address, lab.Replicas[0].Port));
        var replicaDocument = JsonNode.Parse(await File.ReadAllTextAsync(replicaFile, ct))!.AsObject();
        Assert.Equal("Yes", (string?)replicaDocument["slavestatus"]![0]!["Slave_SQL_Running"]);

        var options = MonitoredLab.LabOptions(lab, _datadir, failCount: 3);
        var registry = new ClusterRegistry(options);
        await using var monitor = ClusterMonitor.Create(options.Clusters[0], registry, store, TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);
        await monitor.LoadSavedStateAsync(ct);
        var reloaded = registry.GetSnapshot("lab")!;

        Assert.Equal(new ServerAddress(lab.Primary.Address, lab.Primary.Port), reloaded.PrimaryAddress);
        Assert.All(reloaded.Servers, s => Assert.True(s.IsFromSavedState));
        Assert.Equal([ServerState.Master, ServerState.Slave, ServerState.Slave], reloaded.Servers.Select(s => s.State));
        Assert.Equal("Yes", reloaded.Servers[1].Replication!.SlaveIoRunning);

        await monitor.TickAsync(ct);
        Assert.All(registry.GetSnapshot("lab")!.Servers, s => Assert.False(s.IsFromSavedState));
    }
}
