using System.Net;
using System.Text.RegularExpressions;
using ReplicationManager.Core.Topology;
using ReplicationManager.Server.Tests.Fakes;

namespace ReplicationManager.Server.Tests.Api;

/// <summary>/metrics: repman's series from the registry's snapshot, and who may read them on which port.</summary>
public sealed partial class MetricsEndpointTests
{
    [Fact]
    public async Task EveryServerHasItsUpPrimaryStateLagAndGtidSeries()
    {
        await using var host = await ApiTestHost.StartAsync();
        host.Registry.Set(LabSnapshots.With(LabSnapshots.ReplicaServer(LabSnapshots.Replica3, 13) with { State = ServerState.Failed }));

        var text = await MetricsAsync(host, await host.TokenAsync());

        Assert.Equal("1", Value(text, "repman_server_up", "127.0.0.11:3306"));
        Assert.Equal("0", Value(text, "repman_server_up", "127.0.0.13:3306"));
        Assert.Equal("1", Value(text, "repman_server_primary", "127.0.0.11:3306"));
        Assert.Equal("0", Value(text, "repman_server_primary", "127.0.0.12:3306"));
        Assert.Matches(StateLine("127.0.0.13:3306", "Failed"), text);
        Assert.Equal("0", Value(text, "repman_server_replication_lag_seconds", "127.0.0.12:3306"));
        Assert.Null(Value(text, "repman_server_replication_lag_seconds", "127.0.0.13:3306"));
        Assert.Equal("30", Value(text, "repman_server_gtid_sequence", "127.0.0.11:3306"));
        Assert.Contains("# HELP repman_server_up", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheApiPortWantsATokenWithClusterShowGraphsAndTheCheckPortServesNothingUnlessAsked()
    {
        await using (var host = await ApiTestHost.StartAsync())
        {
            using (var anonymous = await host.GetAsync("/metrics", token: null))
                Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
            using (var nobody = await host.GetAsync("/metrics", await host.TokenAsync("nobody", "nobody-Pa55")))
                Assert.Contains("cluster-show-graphs", await ProblemAssert.DetailAsync(nobody, HttpStatusCode.Forbidden), StringComparison.Ordinal);
            Assert.Equal(404, (await host.SendAsync("GET", "/metrics", checkPort: true)).Response.StatusCode);
        }

        var config = ApiTestHost.DefaultConfig.Replace("api-token-timeout = 2", "api-token-timeout = 2\nprometheus-check-port = true", StringComparison.Ordinal);
        await using var scraped = await ApiTestHost.StartAsync(config);
        var context = await scraped.SendAsync("GET", "/metrics", checkPort: true);
        Assert.Equal(200, context.Response.StatusCode);
        Assert.Equal(401, (await scraped.SendAsync("GET", "/metrics")).Response.StatusCode);
    }

    private static async Task<string> MetricsAsync(ApiTestHost host, string token)
    {
        using var response = await host.GetAsync("/metrics", token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>The value of the series of <paramref name="name"/> for the lab cluster's server, or null.</summary>
    private static string? Value(string text, string name, string server)
    {
        var match = Regex.Match(text, $@"^{name}\{{(?=[^}}]*cluster=""lab"")(?=[^}}]*server=""{Regex.Escape(server)}"")[^}}]*\}} (\S+)", RegexOptions.Multiline);
        return match.Success ? match.Groups[1].Value : null;
    }

    private static Regex StateLine(string server, string state) =>
        new($@"^repman_server_state\{{(?=[^}}]*server=""{Regex.Escape(server)}"")(?=[^}}]*state=""{state}"")[^}}]*\}} 1$", RegexOptions.Multiline);

    [Fact]
    public async Task ScrapersMayUseBasicWithAnApiUserButOnlyOnTheirRoutes()
    {
        await using var host = await ApiTestHost.StartAsync();

        using (var admin = await BasicAsync(host, "/metrics", "admin", ApiTestHost.AdminPassword))
            Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
        using (var wrong = await BasicAsync(host, "/metrics", "admin", "wrong"))
        {
            Assert.Contains("wrong user or password", await ProblemAssert.DetailAsync(wrong, HttpStatusCode.Unauthorized), StringComparison.Ordinal);
            Assert.Equal("Basic realm=\"repman\"", wrong.Headers.WwwAuthenticate.ToString());
        }
        using (var nobody = await BasicAsync(host, "/metrics", "nobody", "nobody-Pa55"))
            Assert.Contains("cluster-show-graphs", await ProblemAssert.DetailAsync(nobody, HttpStatusCode.Forbidden), StringComparison.Ordinal);
        using (var elsewhere = await BasicAsync(host, "/api/clusters", "admin", ApiTestHost.AdminPassword))
            Assert.Equal(HttpStatusCode.Unauthorized, elsewhere.StatusCode);
    }

    private static async Task<HttpResponseMessage> BasicAsync(ApiTestHost host, string path, string user, string password)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{user}:{password}")));
        return await host.Client.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
