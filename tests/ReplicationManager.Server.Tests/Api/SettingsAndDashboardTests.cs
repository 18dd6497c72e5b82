using System.Net;
using System.Text.Json;
using ReplicationManager.Server.Tests.Fakes;

namespace ReplicationManager.Server.Tests.Api;

/// <summary>The effective settings routes and the dashboard's static files.</summary>
public sealed class SettingsAndDashboardTests
{
    [Fact]
    public async Task ClusterSettingsGiveEachKeyItsValueDefaultAndOriginWithSecretsMasked()
    {
        await using var host = await ApiTestHost.StartAsync();
        var settings = await GetAsync(host, "/api/clusters/lab/settings/effective");

        var hosts = settings["db-servers-hosts"];
        Assert.Equal("127.0.0.11:3306,127.0.0.12:3306,127.0.0.13:3306", hosts.GetProperty("value").GetString());
        Assert.False(hosts.GetProperty("isDefault").GetBoolean());
        Assert.Matches(@"config-[0-9a-f]+\.toml:\d+:\d+$", hosts.GetProperty("origin").GetString());
        Assert.Equal("********", settings["db-servers-credential"].GetProperty("value").GetString());
        var ticker = settings["monitoring-ticker"];
        Assert.True(ticker.GetProperty("isDefault").GetBoolean());
        Assert.Equal(ticker.GetProperty("default").GetString(), ticker.GetProperty("value").GetString());
        Assert.Equal("(default)", ticker.GetProperty("origin").GetString());
        Assert.DoesNotContain("api-port", settings.Keys);

        var global = await GetAsync(host, "/api/settings/effective");
        Assert.Equal(ApiTestHost.ApiPort.ToString(System.Globalization.CultureInfo.InvariantCulture), global["api-port"].GetProperty("value").GetString());
        Assert.Equal("********", global["api-credentials"].GetProperty("value").GetString());
        Assert.DoesNotContain(ApiTestHost.AdminPassword, JsonSerializer.Serialize(global));
    }

    [Fact]
    public async Task AnUnknownClusterSaysSo()
    {
        await using var host = await ApiTestHost.StartAsync();
        using var response = await host.GetAsync("/api/clusters/nope/settings/effective", await host.TokenAsync());
        Assert.Contains("nope", await ProblemAssert.DetailAsync(response, HttpStatusCode.NotFound), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheDashboardIsServedOnTheApiPortWithItsSecurityHeadersAndNotOnTheCheckPort()
    {
        var root = Path.Combine(Path.GetTempPath(), "repman-dashboard-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(root, "assets"));
        await File.WriteAllTextAsync(Path.Combine(root, "index.html"), "<!doctype html><title>repman</title>", TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(Path.Combine(root, "assets", "app-1234.js"), "console.log(1)", TestContext.Current.CancellationToken);
        try
        {
            var config = ApiTestHost.DefaultConfig.Replace("api-token-timeout = 2", $"api-token-timeout = 2\nhttp-root = \"{root}\"", StringComparison.Ordinal);
            await using var host = await ApiTestHost.StartAsync(config);

            var index = await host.SendAsync("GET", "/");
            Assert.Equal(200, index.Response.StatusCode);
            Assert.Contains("default-src 'self'", index.Response.Headers.ContentSecurityPolicy.ToString(), StringComparison.Ordinal);
            Assert.Equal("nosniff", index.Response.Headers.XContentTypeOptions.ToString());
            Assert.Equal("no-cache", index.Response.Headers.CacheControl.ToString());
            var asset = await host.SendAsync("GET", "/assets/app-1234.js");
            Assert.Equal(200, asset.Response.StatusCode);
            Assert.Contains("immutable", asset.Response.Headers.CacheControl.ToString(), StringComparison.Ordinal);

            Assert.Equal(404, (await host.SendAsync("GET", "/", checkPort: true)).Response.StatusCode);
            Assert.Equal(404, (await host.SendAsync("GET", "/../config.toml")).Response.StatusCode);
            Assert.Equal(401, (await host.SendAsync("GET", "/api/clusters")).Response.StatusCode);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static async Task<Dictionary<string, JsonElement>> GetAsync(ApiTestHost host, string path)
    {
        using var response = await host.GetAsync(path, await host.TokenAsync());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return json.RootElement.EnumerateArray().ToDictionary(setting => setting.GetProperty("key").GetString()!, setting => setting.Clone());
    }
}
