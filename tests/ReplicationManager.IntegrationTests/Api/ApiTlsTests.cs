using System.Net;
using System.Net.Http.Json;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;

namespace ReplicationManager.IntegrationTests.Api;

/// <summary>The real executable: HTTPS with its generated certificate, logins over HTTPS, the plain check port.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ApiTlsTests
{
    [Fact(Timeout = 180_000)]
    public async Task TheGeneratedCertificateIsServedAndKeptAcrossRestartsAndSoAreTokens()
    {
        var ct = TestContext.Current.CancellationToken;
        using var config = new RepmanTestConfig();
        string token;
        string firstThumbprint;
        await using (var first = await RepmanServerProcess.StartAsync(config.ConfigPath, config.HttpPort, ct))
        {
            var generated = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(Path.Combine(config.Datadir, "api-selfsigned-cert.pem"), ct));
            var served = new ServedCertificate(generated);
            using var https = served.CreateClient();
            using (var status = await https.GetAsync($"{config.ApiUrl}/api/status", ct))
                Assert.Equal("""{"alive":"running"}""", await status.Content.ReadAsStringAsync(ct));
            Assert.True(served.ChainedToGenerated, "the served certificate does not chain to the generated PEM");
            firstThumbprint = served.Thumbprint!;
            Assert.Equal(generated.Thumbprint, firstThumbprint);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(config.Datadir, "api-selfsigned-key.pem")));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(config.Datadir, "api-jwt-signing.key")));
            token = await LoginAsync(https, config, ct);
            Assert.Contains($"API and dashboard on {config.ApiUrl}", first.Output, StringComparison.Ordinal);
        }

        await using (var second = await RepmanServerProcess.StartAsync(config.ConfigPath, config.HttpPort, ct))
        {
            var generated = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(Path.Combine(config.Datadir, "api-selfsigned-cert.pem"), ct));
            var served = new ServedCertificate(generated);
            using var https = served.CreateClient();
            using var request = new HttpRequestMessage(HttpMethod.Get, $"{config.ApiUrl}/api/clusters");
            request.Headers.Authorization = new("Bearer", token);
            using var clusters = await https.SendAsync(request, ct);
            Assert.Equal(HttpStatusCode.OK, clusters.StatusCode);
            Assert.Equal(firstThumbprint, served.Thumbprint);
            Assert.DoesNotContain("Generated a self-signed API certificate", second.Output, StringComparison.Ordinal);
        }
    }

    [Fact(Timeout = 120_000)]
    public async Task TheCheckPortIsPlainHttpAndServesNoApi()
    {
        var ct = TestContext.Current.CancellationToken;
        using var config = new RepmanTestConfig();
        await using var server = await RepmanServerProcess.StartAsync(config.ConfigPath, config.HttpPort, ct);
        using var http = new HttpClient();
        using (var status = await http.GetAsync($"{config.CheckUrl}/api/status", ct))
            Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        using (var login = await http.PostAsJsonAsync($"{config.CheckUrl}/api/login", new { username = "admin", password = RepmanTestConfig.AdminPassword }, ct))
            Assert.Equal(HttpStatusCode.NotFound, login.StatusCode);
        // The API port speaks TLS only: Kestrel drops a plain HTTP request.
        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync($"http://127.0.0.1:{config.ApiPort}/api/status", ct));

        var served = new ServedCertificate(null);
        using var https = served.CreateClient();
        var token = await LoginAsync(https, config, ct);
        Assert.Equal(3, token.Split('.').Length);
    }

    [Fact(Timeout = 120_000)]
    public async Task WithoutApiCredentialsOnlyTheCheckPortRuns()
    {
        var ct = TestContext.Current.CancellationToken;
        using var config = new RepmanTestConfig(withCredentials: false);
        await using var server = await RepmanServerProcess.StartAsync(config.ConfigPath, config.HttpPort, ct);
        await server.WaitForOutputAsync("API not started: api-credentials is empty", ct);
        using var tcp = new TcpClient();
        var refused = await Assert.ThrowsAsync<SocketException>(async () => await tcp.ConnectAsync(IPAddress.Loopback, config.ApiPort, ct));
        Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
        Assert.False(File.Exists(Path.Combine(config.Datadir, "api-selfsigned-key.pem")));
    }

    private static async Task<string> LoginAsync(HttpClient https, RepmanTestConfig config, CancellationToken ct)
    {
        using var response = await https.PostAsJsonAsync($"{config.ApiUrl}/api/login", new { username = "admin", password = RepmanTestConfig.AdminPassword }, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("token").GetString()!;
    }

    /// <summary>Records the certificate a server presents and checks it against the one generated in the data directory.</summary>
    private sealed class ServedCertificate(X509Certificate2? generated)
    {
        public string? Thumbprint { get; private set; }

        public bool ChainedToGenerated { get; private set; }

        public HttpClient CreateClient() => new(new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = Validate },
        });

        private bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
        {
            if (certificate is null || (errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
                return false;
            using var presented = new X509Certificate2(certificate);
            Thumbprint = presented.Thumbprint;
            if (generated is null)
                return true;
            using var custom = new X509Chain();
            custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            custom.ChainPolicy.CustomTrustStore.Add(generated);
            custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            ChainedToGenerated = custom.Build(presented);
            return ChainedToGenerated;
        }
    }
}
