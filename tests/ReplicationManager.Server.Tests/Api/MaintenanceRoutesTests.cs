using System.Net;
using System.Text.Json;
using ReplicationManager.Core.Topology;
using ReplicationManager.Server.Tests.Fakes;

namespace ReplicationManager.Server.Tests.Api;

/// <summary>replication-manager's maintenance actions on a server: switch, set, del.</summary>
public sealed class MaintenanceRoutesTests
{
    private static readonly string ReplicaId = ServerIdentity.IdOf(LabSnapshots.Replica2);

    [Fact]
    public async Task SetDelAndSwitchAskTheRegistryAndSayWhatWasAsked()
    {
        await using var host = await ApiTestHost.StartAsync();
        var token = await host.TokenAsync();

        Assert.True(await PostAsync(host, token, $"/api/clusters/lab/servers/{ReplicaId}/actions/set-maintenance"));
        Assert.False(await PostAsync(host, token, $"/api/clusters/lab/servers/{ReplicaId}/actions/del-maintenance"));
        Assert.True(await PostAsync(host, token, $"/api/clusters/lab/servers/{ReplicaId}/actions/maintenance"));
        host.Registry.Set(LabSnapshots.With(LabSnapshots.ReplicaServer(LabSnapshots.Replica2, 12) with { State = ServerState.Maintenance }));
        Assert.False(await PostAsync(host, token, $"/api/clusters/lab/servers/{ReplicaId}/actions/maintenance"));

        Assert.Equal([true, false, true, false], host.Registry.MaintenanceAsked.Select(asked => asked.InMaintenance));
        Assert.All(host.Registry.MaintenanceAsked, asked => Assert.Equal(LabSnapshots.Replica2, asked.Server));
    }

    [Fact]
    public async Task AnUnknownServerOrAUserWithoutTheGrantIsRefused()
    {
        await using var host = await ApiTestHost.StartAsync();
        using (var unknown = await host.Client.SendAsync(Request($"/api/clusters/lab/servers/db1/actions/set-maintenance", await host.TokenAsync()), TestContext.Current.CancellationToken))
            Assert.Contains("db1", await ProblemAssert.DetailAsync(unknown, HttpStatusCode.NotFound), StringComparison.Ordinal);
        using (var viewer = await host.Client.SendAsync(Request($"/api/clusters/lab/servers/{ReplicaId}/actions/set-maintenance", await host.TokenAsync("viewer", "viewer-Pa55")), TestContext.Current.CancellationToken))
            Assert.Contains("db-maintenance", await ProblemAssert.DetailAsync(viewer, HttpStatusCode.Forbidden), StringComparison.Ordinal);
        Assert.Empty(host.Registry.MaintenanceAsked);
    }

    private static async Task<bool> PostAsync(ApiTestHost host, string token, string path)
    {
        using var response = await host.Client.SendAsync(Request(path, token), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("127.0.0.12:3306", json.RootElement.GetProperty("server").GetString());
        return json.RootElement.GetProperty("maintenance").GetBoolean();
    }

    private static HttpRequestMessage Request(string path, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return request;
    }
}
