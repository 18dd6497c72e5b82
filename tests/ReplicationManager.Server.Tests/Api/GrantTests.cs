using System.Net;
using ReplicationManager.Server.Tests.Fakes;

namespace ReplicationManager.Server.Tests.Api;

public sealed class GrantTests
{
    private static readonly string ReplicaId = LabSnapshots.ReplicaServer(LabSnapshots.Replica2, 12).Id;

    [Fact]
    public async Task AMissingGrantIsA403ThatNamesIt()
    {
        await using var host = await ApiTestHost.StartAsync();
        var token = await host.TokenAsync("viewer", "viewer-Pa55");
        using var response = await host.GetAsync($"/api/clusters/lab/servers/{ReplicaId}/variables", token);
        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden);
        Assert.Equal("db-show-variables", problem.GetProperty("grant").GetString());
        Assert.Contains("'db-show-variables'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("viewer", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("variables", HttpStatusCode.OK)]
    [InlineData("status", HttpStatusCode.OK)]
    [InlineData("all-slaves-status", HttpStatusCode.Forbidden)]
    [InlineData("master-status", HttpStatusCode.Forbidden)]
    public async Task APrefixGrantGivesEveryGrantItPrefixes(string route, HttpStatusCode expected)
    {
        // ops holds "db-show": db-show-variables and db-show-status, not db-replication.
        await using var host = await ApiTestHost.StartAsync();
        var token = await host.TokenAsync("ops", "ops-Pa55");
        using var response = await host.GetAsync($"/api/clusters/lab/servers/{ReplicaId}/{route}", token);
        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task AClusterPrefixGivesClusterProcessForJobs()
    {
        await using var host = await ApiTestHost.StartAsync();
        using var admin = await host.GetAsync("/api/clusters/lab/jobs", await host.TokenAsync());
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
        using var viewer = await host.GetAsync("/api/clusters/lab/jobs", await host.TokenAsync("viewer", "viewer-Pa55"));
        Assert.Contains("cluster-process", await ProblemAssert.DetailAsync(viewer, HttpStatusCode.Forbidden), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AUserWithoutGrantsStillReadsTheTopology()
    {
        // replication-manager's topology routes need a token and no grant.
        await using var host = await ApiTestHost.StartAsync();
        var token = await host.TokenAsync("nobody", "nobody-Pa55");
        foreach (var path in new[] { "/api/clusters", "/api/clusters/lab", "/api/clusters/lab/topology/servers", "/api/clusters/lab/topology/master", "/api/clusters/lab/topology/slaves" })
        {
            using var response = await host.GetAsync(path, token);
            Assert.True(response.StatusCode == HttpStatusCode.OK, path);
        }
        using var variables = await host.GetAsync($"/api/clusters/lab/servers/{ReplicaId}/variables", token);
        await ProblemAssert.IsProblemAsync(variables, HttpStatusCode.Forbidden);
    }
}
