using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using ReplicationManager.Server.Api.Auth;
using ReplicationManager.Server.Tests.Fakes;

namespace ReplicationManager.Server.Tests.Api;

public sealed class LoginTests
{
    [Fact]
    public async Task LoginReturnsATokenThatOpensProtectedRoutes()
    {
        await using var host = await ApiTestHost.StartAsync();
        var token = await host.TokenAsync();
        Assert.Equal(3, token.Split('.').Length);

        using var clusters = await host.GetAsync("/api/clusters", token);
        Assert.Equal(HttpStatusCode.OK, clusters.StatusCode);
    }

    [Fact]
    public async Task TheTokenNamesTheUserAndHoldsNoPassword()
    {
        await using var host = await ApiTestHost.StartAsync();
        var token = await host.TokenAsync();
        var payload = Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(token.Split('.')[1]));
        using var claims = JsonDocument.Parse(payload);
        Assert.Equal("admin", claims.RootElement.GetProperty("sub").GetString());
        Assert.DoesNotContain(ApiTestHost.AdminPassword, payload, StringComparison.Ordinal);
        Assert.DoesNotContain("assword", payload, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task AWrongPasswordIsRefusedWith401()
    {
        await using var host = await ApiTestHost.StartAsync();
        using var response = await host.LoginAsync("admin", "wrong");
        Assert.Contains("wrong password", await ProblemAssert.DetailAsync(response, HttpStatusCode.Unauthorized), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownUserIsRefusedLikeAWrongPassword()
    {
        await using var host = await ApiTestHost.StartAsync();
        using var unknown = await host.LoginAsync("mallory", ApiTestHost.AdminPassword);
        using var wrong = await host.LoginAsync("admin", "wrong");
        Assert.Equal(await ProblemAssert.DetailAsync(wrong, HttpStatusCode.Unauthorized), await ProblemAssert.DetailAsync(unknown, HttpStatusCode.Unauthorized));
    }

    [Theory]
    [InlineData("{", "not the expected JSON")]
    [InlineData("[1,2]", "not the expected JSON")]
    [InlineData("null", "JSON null")]
    [InlineData("", "empty")]
    [InlineData("{\"username\":\"admin\"}", "\"username\" and \"password\"")]
    [InlineData("{\"password\":\"x\"}", "\"username\" and \"password\"")]
    [InlineData("{\"username\":42,\"password\":\"x\"}", "not the expected JSON")]
    public async Task ABadBodyIsA400ThatSaysWhy(string body, string expected)
    {
        await using var host = await ApiTestHost.StartAsync();
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await host.Client.PostAsync("/api/login", content, TestContext.Current.CancellationToken);
        Assert.Contains(expected, await ProblemAssert.DetailAsync(response, HttpStatusCode.BadRequest), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFormEncodedJsonBodyAsCurlDashDSendsItIsAccepted()
    {
        await using var host = await ApiTestHost.StartAsync();
        using var content = new StringContent($"{{\"username\":\"admin\",\"password\":\"{ApiTestHost.AdminPassword}\"}}", Encoding.UTF8, "application/x-www-form-urlencoded");
        using var response = await host.Client.PostAsync("/api/login", content, TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task AnOversizedBodyIsA413()
    {
        await using var host = await ApiTestHost.StartAsync();
        var huge = "{\"username\":\"" + new string('a', 100_000) + "\",\"password\":\"x\"}";
        using var content = new StringContent(huge, Encoding.UTF8, "application/json");
        using var response = await host.Client.PostAsync("/api/login", content, TestContext.Current.CancellationToken);
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task ABrowserAskingForHtmlGetsTheBareToken()
    {
        await using var host = await ApiTestHost.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/login")
        {
            Content = JsonContent.Create(new { username = "admin", password = ApiTestHost.AdminPassword }),
        };
        request.Headers.Accept.ParseAdd("text/html");
        using var response = await host.Client.SendAsync(request, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, body.Split('.').Length);
    }

    [Fact]
    public async Task ThreeFailuresLockTheClientOutWith429AndRetryAfter()
    {
        await using var host = await ApiTestHost.StartAsync();
        var client = IPAddress.Parse("192.0.2.10");
        for (var i = 0; i < LoginThrottle.MaxFailures; i++)
            Assert.Equal(StatusCodes.Status401Unauthorized, (await Login(host, client, "wrong")).Response.StatusCode);

        var locked = await Login(host, client, ApiTestHost.AdminPassword);
        Assert.Equal(StatusCodes.Status429TooManyRequests, locked.Response.StatusCode);
        Assert.Equal("180", locked.Response.Headers.RetryAfter.ToString());
        Assert.Equal("application/problem+json", locked.Response.ContentType);
    }

    [Fact]
    public async Task TheLockoutExpires()
    {
        await using var host = await ApiTestHost.StartAsync();
        var client = IPAddress.Parse("192.0.2.11");
        for (var i = 0; i < LoginThrottle.MaxFailures; i++)
            await Login(host, client, "wrong");
        host.Time.Advance(LoginThrottle.LockoutDuration - TimeSpan.FromSeconds(1));
        var stillLocked = await Login(host, client, ApiTestHost.AdminPassword);
        Assert.Equal(StatusCodes.Status429TooManyRequests, stillLocked.Response.StatusCode);
        Assert.Equal("1", stillLocked.Response.Headers.RetryAfter.ToString());

        host.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(StatusCodes.Status200OK, (await Login(host, client, ApiTestHost.AdminPassword)).Response.StatusCode);
    }

    [Fact]
    public async Task TheLockoutIsPerClientAddress()
    {
        await using var host = await ApiTestHost.StartAsync();
        for (var i = 0; i < LoginThrottle.MaxFailures; i++)
            await Login(host, IPAddress.Parse("192.0.2.12"), "wrong");
        Assert.Equal(StatusCodes.Status200OK, (await Login(host, IPAddress.Parse("192.0.2.13"), ApiTestHost.AdminPassword)).Response.StatusCode);
    }

    [Fact]
    public async Task ASuccessStartsTheCountAgain()
    {
        await using var host = await ApiTestHost.StartAsync();
        var client = IPAddress.Parse("192.0.2.14");
        await Login(host, client, "wrong");
        await Login(host, client, "wrong");
        Assert.Equal(StatusCodes.Status200OK, (await Login(host, client, ApiTestHost.AdminPassword)).Response.StatusCode);
        await Login(host, client, "wrong");
        await Login(host, client, "wrong");
        Assert.Equal(StatusCodes.Status200OK, (await Login(host, client, ApiTestHost.AdminPassword)).Response.StatusCode);
    }

    private static Task<Microsoft.AspNetCore.Http.HttpContext> Login(ApiTestHost host, IPAddress client, string password) =>
        host.SendAsync("POST", "/api/login", client, body: JsonSerializer.Serialize(new { username = "admin", password }));
}
