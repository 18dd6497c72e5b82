using System.Security.Cryptography;
using System.Text;
using ReplicationManager.MariaDb;

namespace ReplicationManager.Core.Tests.MariaDb;

public sealed class ConnectionHandshakeTests
{
    private static readonly byte[] SecretNativeScramble = Convert.FromHexString("b32bb3a583e1340c0a1108d58b1be49781ad8c2f");
    private static readonly byte[] SecretSha2Scramble = Convert.FromHexString("746ebe205d56a0707acb3e796e834e0dd7b1d61743b26bd5202c7a623230c7c9");

    [Fact]
    public async Task AuthenticatesWithNativePasswordAndReadsTheServer()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = new FakeServer();

        var opening = server.ConnectAsync(FakeServer.Options with { Database = "lab" }, ct);
        await server.SendHandshakeAsync();
        var response = await server.ReceiveHandshakeResponseAsync();
        await server.SendOkAsync();
        await using var connection = await opening;

        Assert.Equal("repman", response.User);
        Assert.Equal("lab", response.Database);
        Assert.Equal("mysql_native_password", response.Plugin);
        Assert.Equal(SecretNativeScramble, response.AuthResponse);
        Assert.True(response.Capabilities.HasFlag(MariaDbCapabilities.MariaDbExtendedMetadata));
        Assert.False(response.Capabilities.HasFlag(MariaDbCapabilities.ClientMySql));
        Assert.Equal("10.11.19-MariaDB-log", connection.Server.VersionString);
        Assert.Equal(new Version(10, 11, 19), connection.Server.Version);
        Assert.True(connection.Server.IsMariaDb);
        Assert.Equal(42, connection.Server.ConnectionId);
        Assert.False(connection.Server.IsTls);
        Assert.True(connection.Server.Capabilities.HasFlag(MariaDbCapabilities.DeprecateEof));
    }

    [Fact]
    public async Task FollowsAnAuthSwitchRequestWithItsNewNonce()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = new FakeServer();
        var nonce = Enumerable.Range(100, 20).Select(i => (byte)i).ToArray();

        var opening = server.ConnectAsync(FakeServer.Options, ct);
        await server.SendHandshakeAsync(plugin: "caching_sha2_password");
        await server.ReceiveHandshakeResponseAsync();
        await server.SendAsync([0xFE, .. "mysql_native_password\0"u8, .. nonce, 0]);
        var switched = await server.ReceiveAsync();
        await server.SendOkAsync();
        await using var connection = await opening;

        Assert.Equal(NativeScramble("secret", nonce), switched);
        Assert.Equal("mysql_native_password", connection.Server.AuthenticationPlugin);
    }

    [Fact]
    public async Task PassesTheCachingSha2FastPath()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = new FakeServer();

        var opening = server.ConnectAsync(FakeServer.Options, ct);
        await server.SendHandshakeAsync(FakeServer.MariaDbCapabilities | MariaDbCapabilities.ClientMySql, "caching_sha2_password", "8.0.36");
        var response = await server.ReceiveHandshakeResponseAsync();
        await server.SendAsync([0x01, 0x03]);
        await server.SendOkAsync();
        await using var connection = await opening;

        Assert.Equal("caching_sha2_password", response.Plugin);
        Assert.Equal(SecretSha2Scramble, response.AuthResponse);
        Assert.False(connection.Server.IsMariaDb);
        Assert.Equal(new Version(8, 0, 36), connection.Server.Version);
    }

    [Fact]
    public async Task SendsTheCachingSha2PasswordEncryptedWithTheServerKeyWithoutTls()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = new FakeServer();
        using var rsa = RSA.Create(1024);

        var opening = server.ConnectAsync(FakeServer.Options, ct);
        await server.SendHandshakeAsync(FakeServer.MariaDbCapabilities | MariaDbCapabilities.ClientMySql, "caching_sha2_password", "8.0.36");
        await server.ReceiveHandshakeResponseAsync();
        await server.SendAsync([0x01, 0x04]);
        Assert.Equal([0x02], await server.ReceiveAsync());
        await server.SendAsync([0x01, .. Encoding.ASCII.GetBytes(rsa.ExportSubjectPublicKeyInfoPem())]);
        var encrypted = await server.ReceiveAsync();
        await server.SendOkAsync();
        await using var connection = await opening;

        var plain = rsa.Decrypt(encrypted, RSAEncryptionPadding.OaepSHA1);
        for (var i = 0; i < plain.Length; i++)
            plain[i] ^= FakeServer.Scramble[i % FakeServer.Scramble.Length];
        Assert.Equal("secret\0"u8.ToArray(), plain);
    }

    [Fact]
    public async Task NamesAnAuthenticationPluginItDoesNotSupport()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = new FakeServer();

        var opening = server.ConnectAsync(FakeServer.Options, ct);
        await server.SendHandshakeAsync();
        await server.ReceiveHandshakeResponseAsync();
        await server.SendAsync([0xFE, .. "client_ed25519\0"u8, .. FakeServer.Scramble]);
        var error = await Assert.ThrowsAsync<MariaDbConnectionException>(() => opening);

        Assert.Contains("'client_ed25519'", error.Message, StringComparison.Ordinal);
        Assert.Contains("does not support", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefusesToSendAClearPasswordWithoutTls()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = new FakeServer();

        var opening = server.ConnectAsync(FakeServer.Options, ct);
        await server.SendHandshakeAsync();
        await server.ReceiveHandshakeResponseAsync();
        await server.SendAsync([0xFE, .. "mysql_clear_password\0"u8]);
        var error = await Assert.ThrowsAsync<MariaDbConnectionException>(() => opening);

        Assert.Contains("unencrypted", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReportsTooManyConnectionsSentInsteadOfAHandshake()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = new FakeServer();

        var opening = server.ConnectAsync(FakeServer.Options, ct);
        await server.SendErrorAsync(1040, sqlState: null, "Too many connections");
        var error = await Assert.ThrowsAsync<MariaDbException>(() => opening);

        Assert.Equal(MariaDbErrorCodes.TooManyConnections, error.ErrorCode);
        Assert.Null(error.SqlState);
        Assert.StartsWith("Too many connections", error.Message, StringComparison.Ordinal);
        Assert.True(await server.IsClosedByClientAsync());
    }

    [Fact]
    public async Task ReportsAccessDeniedWithItsSqlState()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = new FakeServer();

        var opening = server.ConnectAsync(FakeServer.Options, ct);
        await server.SendHandshakeAsync();
        await server.ReceiveHandshakeResponseAsync();
        await server.SendErrorAsync(1045, "28000", "Access denied for user 'repman'@'127.0.0.1' (using password: YES)");
        var error = await Assert.ThrowsAsync<MariaDbException>(() => opening);

        Assert.Equal(MariaDbErrorCodes.AccessDenied, error.ErrorCode);
        Assert.Equal("28000", error.SqlState);
        Assert.True(error.IsServerError);
    }

    [Fact]
    public async Task RequiresTlsWhenAskedAndTheServerDoesNotOfferIt()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = new FakeServer();

        var opening = server.ConnectAsync(FakeServer.Options with { Tls = new MariaDbTlsOptions { Mode = MariaDbTlsMode.Required } }, ct);
        await server.SendHandshakeAsync();
        var error = await Assert.ThrowsAsync<MariaDbConnectionException>(() => opening);

        Assert.Contains("does not offer TLS", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FallsBackToPlainTextWhenTlsIsOnlyPreferred()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = new FakeServer();

        await using var connection = await server.OpenAsync(ct, FakeServer.Options with { Tls = new MariaDbTlsOptions() });

        Assert.False(connection.Server.IsTls);
        Assert.False(server.ClientCapabilities.HasFlag(MariaDbCapabilities.Ssl));
    }

    [Fact]
    public async Task LeavesOutDeprecateEofWhenTold()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = new FakeServer();

        await using var connection = await server.OpenAsync(ct, FakeServer.Options with { UseDeprecateEof = false });

        Assert.False(server.ClientCapabilities.HasFlag(MariaDbCapabilities.DeprecateEof));
    }

    [Fact]
    public async Task SaysGoodbyeWithComQuitOnDispose()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = new FakeServer();
        var connection = await server.OpenAsync(ct);

        await connection.DisposeAsync();

        Assert.Equal(0x01, await server.ReceiveCommandAsync());
        Assert.True(await server.IsClosedByClientAsync());
    }

    [Fact]
    public async Task SendsPingAndReadsItsOk()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = new FakeServer();
        await using var connection = await server.OpenAsync(ct);

        var ping = connection.PingAsync(ct);
        Assert.Equal(0x0E, await server.ReceiveCommandAsync());
        await server.SendOkAsync();
        await ping;
    }

    private static byte[] NativeScramble(string password, byte[] nonce)
    {
#pragma warning disable CA5350 // The protocol's algorithm.
        var hash = SHA1.HashData(Encoding.UTF8.GetBytes(password));
        var salted = SHA1.HashData([.. nonce, .. SHA1.HashData(hash)]);
#pragma warning restore CA5350
        return [.. hash.Zip(salted, (a, b) => (byte)(a ^ b))];
    }
}
