using System.Net;
using ReplicationManager.Core.Topology;
using ReplicationManager.Server.Tests.Fakes;

namespace ReplicationManager.Server.Tests.Api;

public sealed class CheckEndpointTests
{
    public static TheoryData<string, string, int, string> MasterCases() => new()
    {
        { "healthy primary", "127.0.0.11", 200, "200 -Valid Master!" },
        { "primary read_only", "127.0.0.11", 503, "503 -Not a Valid Master!" },
        { "primary in maintenance", "127.0.0.11", 503, "503 -Not a Valid Master!" },
        { "primary in state Maintenance", "127.0.0.11", 503, "503 -Not a Valid Master!" },
        { "primary suspect", "127.0.0.11", 503, "503 -Not a Valid Master!" },
        { "primary failed", "127.0.0.11", 503, "503 -Not a Valid Master!" },
        { "primary refuses credentials", "127.0.0.11", 503, "503 -Not a Valid Master!" },
        { "primary not probed yet", "127.0.0.11", 503, "503 -Not a Valid Master!" },
        { "primary known from saved state only", "127.0.0.11", 503, "503 -Not a Valid Master!" },
        { "healthy primary", "127.0.0.12", 503, "503 -Not a Valid Master!" },
        { "no primary", "127.0.0.11", 503, "503 -Not a Valid Master!" },
        { "healthy primary", "127.0.0.99", 503, "503 -Node not Found!" },
    };

    public static TheoryData<string, string, int, string> SlaveCases() => new()
    {
        { "healthy", "127.0.0.12", 200, "200 -Valid Slave!" },
        { "replica SQL thread stopped", "127.0.0.12", 503, "503 -Not a Valid Slave!" },
        { "replica IO thread stopped", "127.0.0.12", 503, "503 -Not a Valid Slave!" },
        { "replica IO thread reconnecting", "127.0.0.12", 200, "200 -Valid Slave!" },
        { "replica late", "127.0.0.12", 503, "503 -Not a Valid Slave!" },
        { "replica in maintenance", "127.0.0.12", 503, "503 -Not a Valid Slave!" },
        { "replica failed", "127.0.0.12", 503, "503 -Not a Valid Slave!" },
        { "replica suspect", "127.0.0.12", 503, "503 -Not a Valid Slave!" },
        { "replica not probed yet", "127.0.0.12", 503, "503 -Not a Valid Slave!" },
        { "replica not replicating", "127.0.0.12", 503, "503 -Not a Valid Slave!" },
        { "no primary, replica IO thread stopped", "127.0.0.12", 200, "200 -Valid Slave!" },
        { "healthy", "127.0.0.11", 503, "503 -Not a Valid Slave!" },
        { "healthy", "127.0.0.99", 503, "503 -Not a Valid Slave!" },
    };

    [Theory]
    [MemberData(nameof(MasterCases))]
    public async Task IsMasterAnswersWithGoBodyAndMatchingStatus(string scenario, string host, int status, string body)
    {
        await using var api = await ApiTestHost.StartAsync();
        api.Registry.Set(Scenario(scenario));
        foreach (var path in new[] { $"/api/clusters/lab/servers/{host}/3306/is-master", $"/clusters/lab/servers/{host}/3306/master-status" })
            await AssertAnswer(api, path, status, body);
        if (!body.Contains("not Found", StringComparison.Ordinal))
        {
            var id = ServerIdentity.IdOf(new ServerAddress(host, 3306));
            foreach (var path in new[] { $"/api/clusters/lab/servers/{id}/is-master", $"/clusters/lab/servers/{id}/master-status" })
                await AssertAnswer(api, path, status, body);
        }
    }

    [Theory]
    [MemberData(nameof(SlaveCases))]
    public async Task IsSlaveAnswersWithGoBodyAndMatchingStatus(string scenario, string host, int status, string body)
    {
        await using var api = await ApiTestHost.StartAsync();
        api.Registry.Set(Scenario(scenario));
        var id = ServerIdentity.IdOf(new ServerAddress(host, 3306));
        foreach (var path in new[]
        {
            $"/api/clusters/lab/servers/{host}/3306/is-slave", $"/clusters/lab/servers/{host}/3306/slave-status",
            $"/api/clusters/lab/servers/{id}/is-slave", $"/clusters/lab/servers/{id}/slave-status",
        })
            await AssertAnswer(api, path, status, body);
    }

    [Fact]
    public async Task AnUnknownClusterIsA503WithGoBody()
    {
        await using var api = await ApiTestHost.StartAsync();
        await AssertAnswer(api, "/api/clusters/nope/servers/127.0.0.11/3306/is-master", 503, "No cluster");
        await AssertAnswer(api, "/api/clusters/nope/servers/db1/is-slave", 503, "No cluster");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("65536")]
    [InlineData("99999999999")]
    [InlineData("-1")]
    [InlineData("port")]
    public async Task AnAbsurdPortIsA400Problem(string port)
    {
        await using var api = await ApiTestHost.StartAsync();
        using var response = await api.Client.GetAsync($"/api/clusters/lab/servers/127.0.0.11/{port}/is-master", TestContext.Current.CancellationToken);
        Assert.Contains("is not a port", await ProblemAssert.DetailAsync(response, HttpStatusCode.BadRequest), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("HEAD")]
    [InlineData("OPTIONS")]
    public async Task ChecksAnswerHeadAndOptionsAsHaproxySendsThem(string method)
    {
        await using var api = await ApiTestHost.StartAsync();
        var context = await api.SendAsync(method, "/api/clusters/lab/servers/127.0.0.11/3306/is-master", checkPort: true);
        Assert.Equal(200, context.Response.StatusCode);
    }

    [Fact]
    public async Task ChecksAnswerOnTheCheckPortAndApiRoutesDoNot()
    {
        await using var api = await ApiTestHost.StartAsync();
        var check = await api.SendAsync("GET", "/api/clusters/lab/servers/127.0.0.11/3306/is-master", checkPort: true);
        Assert.Equal(200, check.Response.StatusCode);
        var status = await api.SendAsync("GET", "/api/status", checkPort: true);
        Assert.Equal(200, status.Response.StatusCode);
        var heartbeat = await api.SendAsync("GET", "/heartbeat", checkPort: true);
        Assert.Equal(200, heartbeat.Response.StatusCode);
        var login = await api.SendAsync("POST", "/api/login", checkPort: true, body: $"{{\"username\":\"admin\",\"password\":\"{ApiTestHost.AdminPassword}\"}}");
        Assert.Equal(404, login.Response.StatusCode);
        var clusters = await api.SendAsync("GET", "/api/clusters", checkPort: true);
        Assert.Equal(404, clusters.Response.StatusCode);
    }

    private static async Task AssertAnswer(ApiTestHost api, string path, int status, string body)
    {
        using var response = await api.Client.GetAsync(path, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(status == (int)response.StatusCode && body == text, $"{path}: expected {status} '{body}', got {(int)response.StatusCode} '{text}'");
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
    }

    private static ClusterSnapshot Scenario(string name)
    {
        var primary = LabSnapshots.PrimaryServer();
        var replica = LabSnapshots.ReplicaServer(LabSnapshots.Replica2, 12);
        return name switch
        {
            "healthy" or "healthy primary" => LabSnapshots.Healthy(),
            "primary read_only" => LabSnapshots.With(primary with { ReadOnly = true }),
            "primary in maintenance" => LabSnapshots.With(primary with { IsInMaintenance = true }),
            "primary in state Maintenance" => LabSnapshots.With(primary with { State = ServerState.Maintenance }),
            "primary suspect" => LabSnapshots.With(primary with { State = ServerState.Suspect }),
            "primary failed" => LabSnapshots.With(primary with { State = ServerState.Failed }),
            "primary refuses credentials" => LabSnapshots.With(primary with { State = ServerState.ErrorAuth }),
            "primary not probed yet" => LabSnapshots.With(primary with { State = ServerState.Unknown }),
            "primary known from saved state only" => LabSnapshots.With(primary with { IsFromSavedState = true }),
            "no primary" => LabSnapshots.Healthy() with { PrimaryAddress = null },
            "replica SQL thread stopped" => LabSnapshots.With(replica with { State = ServerState.SlaveErr, ReplicationChannels = [LabSnapshots.Channel(sql: "No", lag: null)] }),
            "replica IO thread stopped" => LabSnapshots.With(replica with { State = ServerState.SlaveErr, ReplicationChannels = [LabSnapshots.Channel(io: "No", lag: null)] }),
            "replica IO thread reconnecting" => LabSnapshots.With(replica with { ReplicationChannels = [LabSnapshots.Channel(io: "Connecting", lag: null)] }),
            "replica late" => LabSnapshots.With(replica with { State = ServerState.SlaveLate, ReplicationChannels = [LabSnapshots.Channel(lag: 3600)] }),
            "replica in maintenance" => LabSnapshots.With(replica with { IsInMaintenance = true }),
            "replica failed" => LabSnapshots.With(replica with { State = ServerState.Failed }),
            "replica suspect" => LabSnapshots.With(replica with { State = ServerState.Suspect }),
            "replica not probed yet" => LabSnapshots.With(replica with { State = ServerState.Unknown }),
            "replica not replicating" => LabSnapshots.With(replica with { State = ServerState.StandAlone, ReplicationChannels = [] }),
            "no primary, replica IO thread stopped" => LabSnapshots.With(
                replica with { State = ServerState.SlaveErr, ReplicationChannels = [LabSnapshots.Channel(io: "No", lag: null)] },
                LabSnapshots.Healthy() with { PrimaryAddress = null }),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
        };
    }
}
