using System.Text.Json.Nodes;
using ReplicationManager.Core.Monitoring;
using ReplicationManager.Core.Topology;

namespace ReplicationManager.Core.Tests.Monitoring;

/// <summary>serverstate.json: sections owned by different components, atomic writes, and the saved state shown at start.</summary>
public sealed class ServerStateStoreTests : IDisposable
{
    private readonly string _datadir = Path.Combine(Path.GetTempPath(), "repman-state-" + Guid.NewGuid().ToString("N"));
    private readonly ServerAddress _replica = new("127.0.0.12", 3306);

    public void Dispose()
    {
        if (Directory.Exists(_datadir))
            Directory.Delete(_datadir, recursive: true);
    }

    [Fact]
    public async Task UpdateReplacesItsSectionsAndKeepsTheOthers()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var store = new ServerStateStore(_datadir);
        await store.UpdateAsync("lab", _replica, new Dictionary<string, JsonNode?> { ["jobs"] = new JsonArray(1, 2) }, cancellationToken);

        await store.UpdateAsync("lab", _replica, new Dictionary<string, JsonNode?> { ["monitoring"] = new JsonObject { ["state"] = "Slave" } }, cancellationToken);
        var document = await store.ReadAsync("lab", _replica, cancellationToken);

        Assert.Equal(Path.Combine(_datadir, "lab", "127.0.0.12_3306", "serverstate.json"), store.PathOf("lab", _replica));
        Assert.Equal("[1,2]", document!["jobs"]!.ToJsonString());
        Assert.Equal("Slave", (string?)document["monitoring"]!["state"]);
        Assert.Equal(["serverstate.json"], Directory.GetFiles(Path.GetDirectoryName(store.PathOf("lab", _replica))!).Select(Path.GetFileName));
    }

    [Fact]
    public async Task MonitorSavesEachServerAndAFreshMonitorShowsTheSavedStateUntilItsFirstProbe()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var store = new ServerStateStore(_datadir);
        await using (var first = new LabCluster(store: store, datadir: _datadir))
        {
            first.Probes["127.0.0.12"].Next = Readings.Replica(12, "127.0.0.11", sql: "No");
            await first.TickAsync();
        }
        var saved = await store.ReadAsync("lab", _replica, cancellationToken);

        await using var second = new LabCluster(store: store, datadir: _datadir);
        await second.Monitor.LoadSavedStateAsync(cancellationToken);
        var shown = second.Server("127.0.0.12");

        Assert.NotNull(saved);
        Assert.Equal(["monitoring", "variables", "status", "slavestatus"], saved.Select(p => p.Key));
        Assert.Equal("12", (string?)saved["variables"]!["SERVER_ID"]);
        Assert.Equal((ServerState.SlaveErr, true), (shown.State, shown.IsFromSavedState));
        Assert.False(shown.IsReachable);
        Assert.Equal("No", shown.Replication!.SlaveSqlRunning);
        Assert.Equal(1062, shown.Replication.LastSqlErrno);
        Assert.Equal(12L, shown.ServerId);
        Assert.Equal(new ServerAddress("127.0.0.11", 3306), second.Snapshot.PrimaryAddress);
        Assert.Equal(3307, second.Probes["127.0.0.12"].LearnedExtraPort);

        await second.TickAsync();
        Assert.False(second.Server("127.0.0.12").IsFromSavedState);
    }

    [Fact]
    public void SavePolicyWritesOnChangesAndEveryThirtyTicks()
    {
        var server = new ServerSnapshot { Address = _replica, State = ServerState.Slave, LastSeen = DateTimeOffset.UnixEpoch };

        Assert.True(SavePolicy.ShouldSave(null, server, 1));
        Assert.False(SavePolicy.ShouldSave(server, server with { ThreadsConnected = 9 }, 29));
        Assert.True(SavePolicy.ShouldSave(server, server with { ThreadsConnected = 9 }, 30));
        Assert.True(SavePolicy.ShouldSave(server, server with { State = ServerState.Suspect }, 1));
        Assert.False(SavePolicy.ShouldSave(null, new ServerSnapshot { Address = _replica }, 1));
    }
}
