using ReplicationManager.MariaDb;

namespace ReplicationManager.Core.Tests.MariaDb;

public sealed class MariaDbConnectOptionsTests
{
    [Fact]
    public void NeverShowsThePassword()
    {
        var options = new MariaDbConnectOptions { Host = "127.0.0.11", User = "repman", Password = "hunter2" };

        Assert.DoesNotContain("hunter2", options.ToString(), StringComparison.Ordinal);
        Assert.Contains("Password = ***", options.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefusesANegativeTimeoutBeforeConnecting()
    {
        var options = new MariaDbConnectOptions { Host = "127.0.0.11", User = "repman", CommandTimeout = TimeSpan.FromSeconds(-1) };

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => MariaDbConnection.OpenAsync(options, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task RefusesANegativeStatementStopTimeoutBeforeConnecting()
    {
        var options = new MariaDbConnectOptions { Host = "127.0.0.11", User = "repman", StatementStopTimeout = TimeSpan.FromSeconds(-1) };

        var refused = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => MariaDbConnection.OpenAsync(options, TestContext.Current.CancellationToken));
        Assert.Equal("StatementStopTimeout", refused.ParamName);
    }

    [Fact]
    public async Task RefusesAClientCertificateWithoutItsKey()
    {
        var options = new MariaDbConnectOptions
        {
            Host = "127.0.0.11",
            User = "repman",
            Tls = new MariaDbTlsOptions { Mode = MariaDbTlsMode.VerifyFull, ClientCertificatePath = "client.pem" },
        };

        await Assert.ThrowsAsync<ArgumentException>(() => MariaDbConnection.OpenAsync(options, TestContext.Current.CancellationToken));
    }
}
