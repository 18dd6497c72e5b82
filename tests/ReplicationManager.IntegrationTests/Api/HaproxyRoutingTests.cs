using System.Globalization;
using System.Net;
using ReplicationManager.IntegrationTests.Lab;
using ReplicationManager.MariaDb;

namespace ReplicationManager.IntegrationTests.Api;

/// <summary>
/// A real HAProxy in front of the lab, its health checks on repman's check port: writes reach the primary, reads the
/// healthy replicas, and a killed replica leaves the read pool. HAProxy's own check results are read from its stats
/// socket, so the test waits for decisions instead of sleeping.
/// </summary>
public sealed class HaproxyRoutingTests
{
    private const string Cluster = "lab";
    private const int WritePort = 3306;
    private const int ReadPort = 3307;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact(Timeout = 300_000)]
    public async Task WritesReachThePrimaryAndReadsOnlyHealthyReplicas()
    {
        var ct = TestContext.Current.CancellationToken;
        var lab = LabEnvironment.Require();
        Assert.SkipUnless(File.Exists("/usr/sbin/haproxy") || File.Exists("/usr/bin/haproxy") || LabEnvironment.IsCi, "haproxy is not installed (lab/lab.sh up installs it)");
        foreach (var port in new[] { WritePort, ReadPort })
            Assert.True(FreePorts.IsFree(IPAddress.Loopback, port), $"127.0.0.1:{port} is taken: this test's HAProxy needs it");
        await WaitForHealthyLabAsync(lab, ct);

        var primary = lab.Primary;
        var killed = lab.Replicas[^1];
        var survivor = lab.Replicas[0];
        using var config = new RepmanTestConfig(LabCluster(lab));
        await using var repman = await RepmanServerProcess.StartAsync(config.ConfigPath, config.HttpPort, ct);
        using var http = new HttpClient();
        await Eventually.WaitUntilAsync("repman sees the lab's primary", Deadline, async () =>
        {
            using var response = await http.GetAsync($"{config.CheckUrl}/api/clusters/{Cluster}/servers/{primary.Address}/{primary.Port}/is-master", ct);
            return (response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(ct));
        }, ct);

        await using var haproxy = await HaproxyProcess.StartAsync(HaproxyConfig(lab, config.HttpPort), ct);
        await WaitForStatesAsync(haproxy, "HAProxy's checks route writes to the primary and reads to both replicas", new()
        {
            [("write", primary.Address)] = "UP",
            [("write", survivor.Address)] = "DOWN",
            [("write", killed.Address)] = "DOWN",
            [("read", primary.Address)] = "DOWN",
            [("read", survivor.Address)] = "UP",
            [("read", killed.Address)] = "UP",
        }, ct);

        Assert.Equal([primary.ServerId], await ServerIdsThroughAsync(lab, WritePort, 6, ct));
        Assert.Equal([survivor.ServerId, killed.ServerId], (await ServerIdsThroughAsync(lab, ReadPort, 6, ct)).Order());

        try
        {
            await lab.RunLabAsync(ct, "kill", killed.Name);
            await WaitForStatesAsync(haproxy, $"HAProxy drops {killed} from the reads", new()
            {
                [("read", survivor.Address)] = "UP",
                [("read", killed.Address)] = "DOWN",
            }, ct);
            using (var check = await http.GetAsync($"{config.CheckUrl}/api/clusters/{Cluster}/servers/{killed.Address}/{killed.Port}/is-slave", ct))
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, check.StatusCode);
                Assert.Equal("503 -Not a Valid Slave!", await check.Content.ReadAsStringAsync(ct));
            }
            Assert.Equal([survivor.ServerId], await ServerIdsThroughAsync(lab, ReadPort, 6, ct));
            Assert.Equal([primary.ServerId], await ServerIdsThroughAsync(lab, WritePort, 3, ct));
        }
        finally
        {
            await lab.RunLabAsync(CancellationToken.None, "start", killed.Name);
            await WaitForHealthyLabAsync(lab, CancellationToken.None);
        }
    }

    private static string LabCluster(LabEnvironment lab) => $"""
        [{Cluster}]
        db-servers-hosts = "{string.Join(',', lab.Hosts.Select(h => $"{h.Address}:{h.Port}"))}"
        db-servers-prefered-master = "{lab.Primary.Address}:{lab.Primary.Port}"
        db-servers-credential = "{lab.RepmanUser}:{lab.RepmanPassword}"
        replication-credential = "{lab.ReplicationUser}:{lab.ReplicationPassword}"
        db-servers-connect-timeout = 2
        monitoring-ticker = 1
        failover-falsepositive-ping-counter = 3
        """;

    /// <summary>
    /// One listener per role; each server's check asks repman about that server (HAProxy puts the server's name,
    /// its address here, into the URI), with the timings the lab notes tried: inter 1s fall 2 rise 1.
    /// </summary>
    private static string HaproxyConfig(LabEnvironment lab, int checkPort)
    {
        var servers = string.Join('\n', lab.Hosts.Select(h => $"  server {h.Address} {h.Address}:{h.Port}"));
        string Listen(string name, int port, string check) => $"""
            listen {name}
              bind 127.0.0.1:{port}
              balance roundrobin
              option httpchk
              http-check send meth GET uri-lf /api/clusters/{Cluster}/servers/%[srv_name]/{lab.Primary.Port}/{check}
              default-server check inter 1s fall 2 rise 1 port {checkPort} addr 127.0.0.1
            {servers}
            """;
        return $"""
            global
              maxconn 200
              stats socket {"{socket}"} mode 600 level admin

            defaults
              mode tcp
              timeout connect 2s
              timeout client 30s
              timeout server 30s
              timeout check 2s

            {Listen("write", WritePort, "is-master")}

            {Listen("read", ReadPort, "is-slave")}
            """;
    }

    private static async Task WaitForStatesAsync(HaproxyProcess haproxy, string condition, Dictionary<(string, string), string> expected, CancellationToken ct) =>
        await Eventually.WaitUntilAsync(condition, Deadline, async () =>
        {
            var states = await haproxy.ServerStatesAsync(ct);
            var done = expected.All(pair => states.TryGetValue(pair.Key, out var state) && state.StartsWith(pair.Value, StringComparison.Ordinal));
            return (done, string.Join(", ", states.Select(s => $"{s.Key.Proxy}/{s.Key.Server}={s.Value}")));
        }, ct);

    /// <summary>The distinct server_ids that <paramref name="count"/> new connections through HAProxy land on.</summary>
    private static async Task<SortedSet<int>> ServerIdsThroughAsync(LabEnvironment lab, int port, int count, CancellationToken ct)
    {
        var ids = new SortedSet<int>();
        for (var i = 0; i < count; i++)
        {
            await using var connection = await MariaDbConnection.OpenAsync(new MariaDbConnectOptions
            {
                Host = "127.0.0.1",
                Port = port,
                User = lab.RepmanUser,
                Password = lab.RepmanPassword,
                ConnectTimeout = TimeSpan.FromSeconds(10),
            }, ct);
            ids.Add(Convert.ToInt32(await connection.QueryScalarAsync<long>($"SELECT @@server_id", ct), CultureInfo.InvariantCulture));
        }
        return ids;
    }

    /// <summary>The database hosts only (the primary up, each replica replicating): this test needs no sshd.</summary>
    private static async Task WaitForHealthyLabAsync(LabEnvironment lab, CancellationToken ct) =>
        await Eventually.WaitUntilAsync("every lab database host up and replicating", Deadline, async () =>
        {
            string status;
            try
            {
                status = await lab.RunLabAsync(ct, "status");
            }
            catch (InvalidOperationException ex)
            {
                status = ex.Message;
            }
            var healthy = status.Contains($"{lab.Primary.Name} {lab.Primary.Address} up primary", StringComparison.Ordinal)
                && lab.Replicas.All(r => status.Contains($"{r.Name} {r.Address} up replica io=Yes sql=Yes", StringComparison.Ordinal));
            return (healthy, status);
        }, ct);
}
