using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using ReplicationManager.Server.Api.Auth;
using ReplicationManager.Server.Tests.Fakes;

namespace ReplicationManager.Server.Tests.Api;

public sealed class TokenTests
{
    [Fact]
    public async Task AMissingTokenIsA401ThatSaysHowToLogIn()
    {
        await using var host = await ApiTestHost.StartAsync();
        using var response = await host.GetAsync("/api/clusters/lab/topology/servers", token: null);
        Assert.Contains("POST /api/login", await ProblemAssert.DetailAsync(response, HttpStatusCode.Unauthorized), StringComparison.Ordinal);
        Assert.StartsWith("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Basic YWRtaW46YWRtaW4=", "not 'Bearer <token>'")]
    [InlineData("Bearer", "not 'Bearer <token>'")]
    [InlineData("Bearer abc", "not a JWT")]
    [InlineData("Bearer a.b", "not a JWT")]
    [InlineData("Bearer a.b.c.d", "not a JWT")]
    [InlineData("Bearer !!.??.**", "base64url")]
    public async Task AMalformedTokenIsA401(string authorization, string expected)
    {
        await using var host = await ApiTestHost.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/clusters");
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        using var response = await host.Client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Contains(expected, await ProblemAssert.DetailAsync(response, HttpStatusCode.Unauthorized), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnExpiredTokenIsA401()
    {
        await using var host = await ApiTestHost.StartAsync();
        var token = await host.TokenAsync();
        host.Time.Advance(TimeSpan.FromHours(2) + TimeSpan.FromMinutes(2));
        using var response = await host.GetAsync("/api/clusters", token);
        Assert.Contains("expired", await ProblemAssert.DetailAsync(response, HttpStatusCode.Unauthorized), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATokenIsValidUntilApiTokenTimeout()
    {
        await using var host = await ApiTestHost.StartAsync();
        var token = await host.TokenAsync();
        host.Time.Advance(TimeSpan.FromHours(2) - TimeSpan.FromMinutes(1));
        using var response = await host.GetAsync("/api/clusters", token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ATokenWithAChangedPayloadIsA401()
    {
        await using var host = await ApiTestHost.StartAsync();
        var parts = (await host.TokenAsync("viewer", "viewer-Pa55")).Split('.');
        var payload = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(parts[1])).Replace("viewer", "admin", StringComparison.Ordinal);
        var forged = $"{parts[0]}.{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload))}.{parts[2]}";
        using var response = await host.GetAsync("/api/clusters", forged);
        Assert.Contains("signature does not match", await ProblemAssert.DetailAsync(response, HttpStatusCode.Unauthorized), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATokenSignedWithAnotherKeyIsA401()
    {
        await using var host = await ApiTestHost.StartAsync();
        var other = new ApiTokenService(new SigningKey(RandomNumberGenerator.GetBytes(64)), host.Time, TimeSpan.FromHours(1));
        var token = other.Issue(new ApiUser("admin", System.Collections.Frozen.FrozenSet<string>.Empty)).Value;
        using var response = await host.GetAsync("/api/clusters", token);
        Assert.Contains("signature does not match", await ProblemAssert.DetailAsync(response, HttpStatusCode.Unauthorized), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnsignedTokenIsA401()
    {
        await using var host = await ApiTestHost.StartAsync();
        var parts = (await host.TokenAsync()).Split('.');
        var none = Base64Url.EncodeToString("""{"alg":"none","typ":"JWT"}"""u8);
        using var response = await host.GetAsync("/api/clusters", $"{none}.{parts[1]}.");
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
        using var unsigned = await host.GetAsync("/api/clusters", $"{none}.{parts[1]}.{parts[2]}");
        Assert.Contains("HS256", await ProblemAssert.DetailAsync(unsigned, HttpStatusCode.Unauthorized), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATokenOfAUserRemovedFromTheConfigurationIsA401()
    {
        await using var first = await ApiTestHost.StartAsync();
        var token = await first.TokenAsync("viewer", "viewer-Pa55");
        var withoutViewer = ApiTestHost.DefaultConfig.Replace(",viewer:viewer-Pa55", "", StringComparison.Ordinal);
        await using var second = await ApiTestHost.StartAsync(withoutViewer, first.Datadir, first.Time);
        using var response = await second.GetAsync("/api/clusters", token);
        Assert.Contains("no longer in api-credentials", await ProblemAssert.DetailAsync(response, HttpStatusCode.Unauthorized), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TokensSurviveARestartBecauseTheKeyIsKeptInTheDataDirectory()
    {
        await using var first = await ApiTestHost.StartAsync();
        var token = await first.TokenAsync();
        var keyFile = Path.Combine(first.Datadir, SigningKeyStore.FileName);
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));

        await using var second = await ApiTestHost.StartAsync(datadir: first.Datadir, time: first.Time);
        using var response = await second.GetAsync("/api/clusters", token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
