using ReplicationManager.Core.Options;
using ReplicationManager.Core.Proxies;
using ReplicationManager.Core.Topology;

namespace ReplicationManager.Core.Tests.Proxies;

/// <summary>
/// ProxySQL's hostgroups rewritten through its admin interface, against <see cref="FakeProxySqlAdmin"/>: ProxySQL
/// cannot be installed here, so a FAKE admin records the statements repman sends.
/// </summary>
public sealed class ProxySqlRouterWithFakeAdminTests
{
    private static readonly ServerAddress Db1 = new("127.0.0.11", 3306);
    private static readonly ServerAddress Db2 = new("127.0.0.12", 3306);
    private static readonly ServerAddress Db3 = new("127.0.0.13", 3306);

    [Fact]
    public async Task FakeAdminGetsTheClusterRowsRewrittenLoadedToRuntimeAndSaved()
    {
        await using var admin = new FakeProxySqlAdmin();
        var router = new ProxySqlRouter("127.0.0.1", Options(admin.Port, saveToDisk: true), [Db1, Db2, Db3], TimeSpan.FromSeconds(5));

        await router.RouteAsync(new ProxyRoute(Db2, [Db1, Db3]), TestContext.Current.CancellationToken);

        Assert.Equal(
        [
            "DELETE FROM mysql_servers WHERE hostgroup_id IN (10, 20) AND hostname = '127.0.0.11' AND port = 3306",
            "DELETE FROM mysql_servers WHERE hostgroup_id IN (10, 20) AND hostname = '127.0.0.12' AND port = 3306",
            "DELETE FROM mysql_servers WHERE hostgroup_id IN (10, 20) AND hostname = '127.0.0.13' AND port = 3306",
            "INSERT INTO mysql_servers (hostgroup_id, hostname, port) VALUES (10, '127.0.0.12', 3306)",
            "INSERT INTO mysql_servers (hostgroup_id, hostname, port) VALUES (20, '127.0.0.11', 3306)",
            "INSERT INTO mysql_servers (hostgroup_id, hostname, port) VALUES (20, '127.0.0.13', 3306)",
            "LOAD MYSQL SERVERS TO RUNTIME",
            "SAVE MYSQL SERVERS TO DISK",
        ], admin.Statements);
    }

    [Fact]
    public async Task FakeAdminWithoutSaveToDiskAndWithoutPrimaryGetsReadersOnly()
    {
        await using var admin = new FakeProxySqlAdmin();
        var router = new ProxySqlRouter("127.0.0.1", Options(admin.Port, saveToDisk: false), [Db1, Db2], TimeSpan.FromSeconds(5));

        await router.RouteAsync(new ProxyRoute(null, [Db2]), TestContext.Current.CancellationToken);

        Assert.DoesNotContain(admin.Statements, s => s.Contains("hostgroup_id, hostname, port) VALUES (10", StringComparison.Ordinal));
        Assert.Contains("INSERT INTO mysql_servers (hostgroup_id, hostname, port) VALUES (20, '127.0.0.12', 3306)", admin.Statements);
        Assert.Equal("LOAD MYSQL SERVERS TO RUNTIME", admin.Statements[^1]);
    }

    [Fact]
    public async Task FakeAdminRefusalIsAProxyErrorNamingTheProxy()
    {
        await using var admin = new FakeProxySqlAdmin(failOn: "LOAD MYSQL SERVERS");
        var router = new ProxySqlRouter("127.0.0.1", Options(admin.Port, saveToDisk: false), [Db1], TimeSpan.FromSeconds(5));

        var error = await Assert.ThrowsAsync<ProxyException>(() => router.RouteAsync(new ProxyRoute(Db1, []), TestContext.Current.CancellationToken));

        Assert.Contains($"ProxySQL 127.0.0.1:{admin.Port}", error.Message, StringComparison.Ordinal);
        Assert.Contains("no such table", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NothingListensOnTheAdminPortIsAProxyError()
    {
        var port = 1;
        var router = new ProxySqlRouter("127.0.0.1", Options(port, saveToDisk: false), [Db1], TimeSpan.FromSeconds(2));

        var error = await Assert.ThrowsAsync<ProxyException>(() => router.RouteAsync(new ProxyRoute(Db1, []), TestContext.Current.CancellationToken));

        Assert.Contains("ProxySQL 127.0.0.1:1", error.Message, StringComparison.Ordinal);
    }

    private static ProxySqlOptions Options(int adminPort, bool saveToDisk) =>
        new(true, ["127.0.0.1"], 6033, adminPort, "admin", "admin", 10, 20, false, saveToDisk);
}
