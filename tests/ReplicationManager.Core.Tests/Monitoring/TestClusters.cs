using ReplicationManager.Core.Options;
using ReplicationManager.Core.Tests.Options;

namespace ReplicationManager.Core.Tests.Monitoring;

/// <summary>Cluster options for monitoring tests, read through the real configuration loader.</summary>
internal static class TestClusters
{
    public static RepmanOptions Options(string hosts = "127.0.0.11:3306,127.0.0.12:3306,127.0.0.13:3306", int failCount = 3, string datadir = "/tmp/repman-unused")
    {
        using var files = new ConfigFiles();
        var path = files.Write("config.toml", $"""
            [Default]
            monitoring-datadir = "{datadir}"

            [lab]
            db-servers-hosts = "{hosts}"
            db-servers-credential = "repman:secret"
            monitoring-ticker = 1
            failover-falsepositive-ping-counter = {failCount}
            """);
        return ConfigurationLoader.Load(path).Options;
    }
}
