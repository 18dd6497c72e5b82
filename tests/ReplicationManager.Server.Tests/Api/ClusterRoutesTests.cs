using System.Net;
using System.Text.Json;
using ReplicationManager.Core.Jobs;
using ReplicationManager.Core.Topology;
using ReplicationManager.Server.Tests.Fakes;

namespace ReplicationManager.Server.Tests.Api;

public sealed class ClusterRoutesTests
{
    private static readonly string PrimaryId = ServerIdentity.IdOf(LabSnapshots.Primary);
    private static readonly string ReplicaId = ServerIdentity.IdOf(LabSnapshots.Replica2);

    [Fact]
    public async Task ClustersListsEveryClusterByNameWithMaskedCredentials()
    {
        await using var host = await ApiTestHost.StartAsync();
        host.Registry.Set(LabSnapshots.Healthy("another"));
        using var json = await GetJsonAsync(host, "/api/clusters");
        var clusters = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(["another", "lab"], clusters.Select(c => c.GetProperty("name").GetString()));
        var lab = clusters[1];
        Assert.Equal([PrimaryId, ReplicaId, ServerIdentity.IdOf(LabSnapshots.Replica3)], lab.GetProperty("dbServers").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("*:*", lab.GetProperty("config").GetProperty("dbServersCredential").GetString());
        Assert.Equal("*:*", lab.GetProperty("config").GetProperty("replicationCredential").GetString());
        Assert.Equal("master-slave", lab.GetProperty("topology").GetString());
        Assert.Equal("A", lab.GetProperty("activePassiveStatus").GetString());
    }

    [Fact]
    public async Task TopologyRoutesAnswerTheSameBytesWithinATickAndTheNewSnapshotAtTheNext()
    {
        await using var host = await ApiTestHost.StartAsync();
        string[] paths = ["/api/clusters/lab/topology/servers", "/api/clusters/lab/topology/master", "/api/clusters/lab/topology/slaves"];
        var first = await Task.WhenAll(paths.Select(path => GetTextAsync(host, path)));
        var again = await Task.WhenAll(paths.Select(path => GetTextAsync(host, path)));
        Assert.Equal(first, again);

        host.Registry.Set(LabSnapshots.With(LabSnapshots.PrimaryServer() with { State = ServerState.Suspect }));
        using var servers = await GetJsonAsync(host, paths[0]);
        using var master = await GetJsonAsync(host, paths[1]);
        Assert.Equal("Suspect", servers.RootElement[0].GetProperty("state").GetString());
        Assert.Equal("Suspect", master.RootElement.GetProperty("state").GetString());
    }

    private static async Task<string> GetTextAsync(ApiTestHost host, string path)
    {
        using var json = await GetJsonAsync(host, path);
        return json.RootElement.GetRawText();
    }

    [Fact]
    public async Task ServersUseReplicationManagerFieldNames()
    {
        await using var host = await ApiTestHost.StartAsync();
        using var json = await GetJsonAsync(host, "/api/clusters/lab/topology/servers");
        var servers = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(3, servers.Count);
        var primary = servers[0];
        Assert.Equal(PrimaryId, primary.GetProperty("id").GetString());
        Assert.Equal("127.0.0.11", primary.GetProperty("host").GetString());
        Assert.Equal("3306", primary.GetProperty("port").GetString());
        Assert.Equal("Master", primary.GetProperty("state").GetString());
        Assert.Equal("Unknown", primary.GetProperty("prevState").GetString());
        Assert.Equal(0, primary.GetProperty("failCount").GetInt32());
        Assert.Equal(11UL, primary.GetProperty("serverId").GetUInt64());
        Assert.Equal("OFF", primary.GetProperty("readOnly").GetString());
        Assert.Equal("mariadb-bin.000003", primary.GetProperty("masterStatus").GetProperty("file").GetString());
        Assert.Equal(4521UL, primary.GetProperty("masterStatus").GetProperty("position").GetUInt64());
        Assert.Equal(10, primary.GetProperty("dbVersion").GetProperty("major").GetInt32());
        Assert.Equal("MariaDB", primary.GetProperty("dbVersion").GetProperty("flavor").GetString());
        var gtid = primary.GetProperty("gtidBinlogPos")[0];
        Assert.Equal(11UL, gtid.GetProperty("serverId").GetUInt64());
        Assert.Equal(30UL, gtid.GetProperty("seqNo").GetUInt64());

        var replica = servers[1];
        Assert.True(replica.GetProperty("isSlave").GetBoolean());
        var replication = replica.GetProperty("replications")[0];
        Assert.Equal("Yes", replication.GetProperty("slaveSqlRunning").GetProperty("String").GetString());
        Assert.True(replication.GetProperty("slaveSqlRunning").GetProperty("Valid").GetBoolean());
        Assert.Equal(0, replication.GetProperty("secondsBehindMaster").GetProperty("Int64").GetInt64());
        Assert.Equal("127.0.0.11", replication.GetProperty("masterHost").GetProperty("String").GetString());
        Assert.Equal(11UL, replication.GetProperty("masterServerId").GetUInt64());
        Assert.False(replication.GetProperty("channelName").GetProperty("Valid").GetBoolean());
    }

    [Fact]
    public async Task MasterAndSlavesFollowTheSnapshot()
    {
        await using var host = await ApiTestHost.StartAsync();
        using (var master = await GetJsonAsync(host, "/api/clusters/lab/topology/master"))
            Assert.Equal(PrimaryId, master.RootElement.GetProperty("id").GetString());
        using (var slaves = await GetJsonAsync(host, "/api/clusters/lab/topology/slaves"))
            Assert.Equal(["127.0.0.12", "127.0.0.13"], slaves.RootElement.EnumerateArray().Select(s => s.GetProperty("host").GetString()));

        host.Registry.Set(LabSnapshots.Healthy() with { PrimaryAddress = null, Replicas = [] });
        using var none = await GetJsonAsync(host, "/api/clusters/lab/topology/master");
        Assert.Equal(JsonValueKind.Null, none.RootElement.ValueKind);
    }

    [Fact]
    public async Task ClusterStatusIsPublicAndSaysErrorsWithoutAPrimary()
    {
        await using var host = await ApiTestHost.StartAsync();
        using (var running = await host.GetAsync("/api/clusters/lab/status", token: null))
            Assert.Equal("""{"alive":"running"}""", await running.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        host.Registry.Set(LabSnapshots.With(LabSnapshots.PrimaryServer() with { State = ServerState.Failed }));
        using var errors = await host.GetAsync("/api/clusters/lab/status", token: null);
        Assert.Equal("""{"alive":"errors"}""", await errors.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task StatusAndHeartbeatArePublic()
    {
        await using var host = await ApiTestHost.StartAsync();
        using var status = await host.GetAsync("/api/status", token: null);
        Assert.Equal("""{"alive":"running"}""", await status.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        using var heartbeat = await host.GetAsync("/api/heartbeat", token: null);
        using var json = JsonDocument.Parse(await heartbeat.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("A", json.RootElement.GetProperty("status").GetString());
        Assert.True(Guid.TryParse(json.RootElement.GetProperty("uuid").GetString(), out _));
    }

    [Fact]
    public async Task ServerReadsReturnVariablesStatusAndReplication()
    {
        await using var host = await ApiTestHost.StartAsync();
        using (var variables = await GetJsonAsync(host, $"/api/clusters/lab/servers/{ReplicaId}/variables"))
        {
            var names = variables.RootElement.EnumerateArray().Select(v => v.GetProperty("variableName").GetString()).ToList();
            Assert.Equal(names.Order(StringComparer.Ordinal), names);
            Assert.Contains(variables.RootElement.EnumerateArray(), v => v.GetProperty("variableName").GetString() == "SERVER_ID" && v.GetProperty("value").GetString() == "12");
        }
        using (var status = await GetJsonAsync(host, $"/api/clusters/lab/servers/{ReplicaId}/status"))
            Assert.Contains(status.RootElement.EnumerateArray(), v => v.GetProperty("variableName").GetString() == "UPTIME");
        using (var slaves = await GetJsonAsync(host, $"/api/clusters/lab/servers/{ReplicaId}/all-slaves-status"))
            Assert.Equal("Slave_Pos", slaves.RootElement[0].GetProperty("usingGtid").GetProperty("String").GetString());
        using (var master = await GetJsonAsync(host, $"/api/clusters/lab/servers/{PrimaryId}/master-status"))
            Assert.Equal("mariadb-bin.000003", master.RootElement.GetProperty("file").GetString());
    }

    [Fact]
    public async Task AServerThatIsDownHasNoCurrentData()
    {
        await using var host = await ApiTestHost.StartAsync();
        host.Registry.Set(LabSnapshots.With(LabSnapshots.ReplicaServer(LabSnapshots.Replica2, 12) with { State = ServerState.Failed }));
        using var response = await host.GetAsync($"/api/clusters/lab/servers/{ReplicaId}/variables", await host.TokenAsync());
        Assert.Contains("Failed", await ProblemAssert.DetailAsync(response, HttpStatusCode.Conflict), StringComparison.Ordinal);
    }

    [Fact]
    public async Task JobsHaveGoHeaderAndOneEntryPerServer()
    {
        await using var host = await ApiTestHost.StartAsync();
        using var json = await GetJsonAsync(host, "/api/clusters/lab/jobs");
        var header = json.RootElement.GetProperty("header");
        Assert.Equal(ReplicationManager.Server.Api.Contracts.JobEntriesJson.TaskHeader.Keys.Order(StringComparer.Ordinal), header.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        var servers = json.RootElement.GetProperty("servers");
        Assert.Equal("127.0.0.11:3306", servers.GetProperty(PrimaryId).GetProperty("serverUrl").GetString());
        Assert.Equal(0, servers.GetProperty(PrimaryId).GetProperty("tasks").GetArrayLength());
    }

    [Fact]
    public async Task NoAnswerEverHoldsAConfiguredPassword()
    {
        await using var host = await ApiTestHost.StartAsync();
        var token = await host.TokenAsync();
        var paths = new[]
        {
            "/api/clusters", "/api/clusters/lab", "/api/clusters/lab/topology/servers", "/api/clusters/lab/topology/master",
            "/api/clusters/lab/topology/slaves", "/api/clusters/lab/jobs", "/api/heartbeat", "/api/status",
            $"/api/clusters/lab/servers/{ReplicaId}/variables", $"/api/clusters/lab/servers/{ReplicaId}/status",
            $"/api/clusters/lab/servers/{ReplicaId}/all-slaves-status", $"/api/clusters/lab/servers/{PrimaryId}/master-status",
        };
        foreach (var path in paths)
        {
            using var response = await host.GetAsync(path, token);
            var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {body}");
            foreach (var secret in new[] { ApiTestHost.AdminPassword, ApiTestHost.DbPassword, ApiTestHost.ReplicationPassword, "viewer-Pa55" })
                Assert.DoesNotContain(secret, body, StringComparison.Ordinal);
        }
    }

    private static async Task<JsonDocument> GetJsonAsync(ApiTestHost host, string path)
    {
        using var response = await host.GetAsync(path, await host.TokenAsync());
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body);
    }
}
