using System.Net;
using System.Net.Sockets;
using System.Text;
using ReplicationManager.IntegrationTests.Api;
using ReplicationManager.IntegrationTests.Lab;

namespace ReplicationManager.IntegrationTests.Metrics;

/// <summary>With graphite-metrics on and no embedded store, each tick's lines go to the Carbon at graphite-carbon-host.</summary>
public sealed class RemoteCarbonTests
{
    [Fact(Timeout = 120_000)]
    public async Task EachTickSendsTheServersLinesToTheCarbonElsewhere()
    {
        var ct = TestContext.Current.CancellationToken;
        var lab = LabEnvironment.Require();
        // A carbon of the operator's own, played by a listener that keeps what it is sent.
        var carbon = new TcpListener(IPAddress.Loopback, 0);
        carbon.Start();
        try
        {
            var port = ((IPEndPoint)carbon.LocalEndpoint).Port;
            using var config = new RepmanTestConfig(RepmanTestConfig.LabCluster(lab, "remote"), globalExtra: $"""
                graphite-metrics = true
                graphite-carbon-host = "127.0.0.1"
                graphite-carbon-port = {port}
                """);
            await using var repman = await RepmanServerProcess.StartAsync(config.ConfigPath, config.HttpPort, ct);
            var received = new StringBuilder();
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
            deadline.CancelAfter(TimeSpan.FromSeconds(60));
            var replica = lab.Replicas[0];
            var lag = $"mysql.{replica.Address.Replace('.', '_')}_{replica.Port}.mysql_slave_status_seconds_behind_master ";
            while (!received.ToString().Contains(lag, StringComparison.Ordinal))
            {
                using var client = await carbon.AcceptTcpClientAsync(deadline.Token);
                using var reader = new StreamReader(client.GetStream(), Encoding.ASCII);
                received.Append(await reader.ReadToEndAsync(deadline.Token));
            }
            var lines = received.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.All(lines, line => Assert.Matches(@"^mysql\.[0-9_]+\.mysql_(global_status|slave_status)_[a-z_]+ [0-9.E+-]+ \d{10}$", line));
            Assert.Contains(lines, line => line.StartsWith($"mysql.{lab.Primary.Address.Replace('.', '_')}_{lab.Primary.Port}.mysql_global_status_questions ", StringComparison.Ordinal));
            Assert.False(Directory.Exists(Path.Combine(config.Datadir, "graphite")));
        }
        finally
        {
            carbon.Stop();
        }
    }
}
