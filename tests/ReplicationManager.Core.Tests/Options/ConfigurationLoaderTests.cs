using ReplicationManager.Core.Options;
using ReplicationManager.Core.Topology;

namespace ReplicationManager.Core.Tests.Options;

public sealed class ConfigurationLoaderTests
{
    // In the style of replication-manager's etc/ examples: quoted ports, comma lists, a cluster.d include.
    private const string MainConfig = """
        [Default]
        include = "cluster.d"
        monitoring-datadir = "/var/lib/replication-manager"
        http-server = true
        http-bind-address = "0.0.0.0"
        http-port = "10001"
        api-port = "10005"
        api-credentials = "admin:repman,dba:secret-pass"
        api-credentials-acl-allow = "admin:cluster db prov,dba:cluster proxy db"
        prov-orchestrator = "onpremise"
        backup-mydumper-path = "/usr/bin/mydumper"
        backup-physical-type = "mariabackup"
        backup-restic = true
        backup-restic-aws = false
        backup-restic-password = "xxxx"
        backup-restic-binary-path = "/usr/bin/restic"
        monitoring-scheduler = true
        scheduler-db-servers-logical-backup  = true
        scheduler-db-servers-logical-backup-cron= "0 0 1 * * 6"
        scheduler-db-servers-logs   =  false
        scheduler-db-servers-logs-cron = "0 0 * * * *"
        scheduler-db-servers-logs-table-keep = 4
        scheduler-db-servers-logs-table-rotate  = false
        scheduler-db-servers-logs-table-rotate-cron = "0 0 0/6 * * *"
        scheduler-db-servers-optimize  = true
        scheduler-db-servers-optimize-cron = "0 0 3 1 * 5"
        scheduler-db-servers-physical-backup = true
        scheduler-db-servers-physical-backup-cron = "0 0 0 * * 0-4"
        failover-mode = "manual"
        log-level = 1
        """;

    private const string Cluster1 = """
        [cluster1]
        title = "cluster1"
        db-servers-hosts = "127.0.0.1:3331,127.0.0.1:3332"
        db-servers-prefered-master = "127.0.0.1:3331"
        db-servers-credential = "root:mariadb"
        db-servers-connect-timeout = 1
        db-servers-backup-hosts = "127.0.0.1:3332"
        replication-credential = "root:mariadb"
        backup-logical-type = "mydumper"
        # failover-mode = "manual"
        # scheduler-jobs-ssh = true
        """;

    private const string Cluster2 = """
        [cluster2]
        db-servers-hosts = "db1,db2:3307,[::1]:3308"
        db-servers-credential = "repman:p:a:ss"
        monitoring-ticker = 1
        scheduler-db-servers-sender-ports = "4000,4001,4002"
        scheduler-db-servers-optimize = false
        """;

    [Fact]
    public void LoadsAMultiClusterConfigurationWithIncludesUnchanged()
    {
        using var files = new ConfigFiles();
        var main = files.Write("config.toml", MainConfig);
        files.Write("cluster.d/cluster1.toml", Cluster1);
        files.Write("cluster.d/cluster2.toml", Cluster2);

        var loaded = ConfigurationLoader.Load(main);

        Assert.Equal(["cluster1", "cluster2"], loaded.Options.Clusters.Select(cluster => cluster.Name));
        Assert.Equal(3, loaded.Files.Count);
        var api = loaded.Options.Global.Api;
        Assert.Equal(10005, api.ApiPort);
        Assert.Equal(10001, api.HttpPort);
        Assert.Equal("0.0.0.0", api.HttpBind);
        Assert.Equal(["admin", "dba"], api.Users.Select(user => user.User));
        Assert.Equal(["cluster", "proxy", "db"], api.Grants["dba"]);

        var cluster1 = loaded.Options.Clusters[0];
        Assert.Equal([new ServerAddress("127.0.0.1", 3331), new ServerAddress("127.0.0.1", 3332)], cluster1.Monitoring.Hosts);
        Assert.Equal(TimeSpan.FromSeconds(1), cluster1.Monitoring.ConnectTimeout);
        Assert.Equal(TimeSpan.FromSeconds(2), cluster1.Monitoring.Ticker);
        Assert.Equal("mydumper", cluster1.Backup.LogicalType);
        Assert.True(cluster1.Scheduler.Enabled);
        Assert.True(cluster1.Scheduler.Optimize.Enabled);
        Assert.Equal("0 0 3 1 * 5", cluster1.Scheduler.Optimize.Cron.Text);
        Assert.Equal(4, cluster1.Scheduler.LogsTableKeep);
        Assert.False(cluster1.Failover.Automatic);

        var cluster2 = loaded.Options.Clusters[1];
        Assert.Equal([new ServerAddress("db1", 3306), new ServerAddress("db2", 3307), new ServerAddress("::1", 3308)], cluster2.Monitoring.Hosts);
        Assert.Equal(new Credential("repman", "p:a:ss"), cluster2.Monitoring.Credential);
        Assert.False(cluster2.Scheduler.Optimize.Enabled);
        Assert.Equal([4000, 4001, 4002], cluster2.Scheduler.SenderPorts);
        Assert.Equal("mysqldump", cluster2.Backup.LogicalType);

        Assert.DoesNotContain(loaded.Diagnostics, finding => finding.Severity != ConfigSeverity.Information);
        Assert.Contains(loaded.Diagnostics, finding => finding.Key == "prov-orchestrator" && finding.Message.Contains("does not act on", StringComparison.Ordinal));
    }

    [Fact]
    public void DefaultIsTheOnlyClusterWhenThereIsNoClusterSection()
    {
        using var files = new ConfigFiles();
        var path = files.Write("config.toml", """
            [Default]
            db-servers-hosts = "127.0.0.11,127.0.0.12"
            db-servers-credential = "repman:pw"
            """);

        var loaded = ConfigurationLoader.Load(path);

        var cluster = Assert.Single(loaded.Options.Clusters);
        Assert.Equal("Default", cluster.Name);
        Assert.Equal(2, cluster.Monitoring.Hosts.Count);
    }

    [Fact]
    public void ClusterFilterKeepsOnlyTheNamedClusters()
    {
        using var files = new ConfigFiles();
        var path = files.Write("config.toml", MainConfig.Replace("include = \"cluster.d\"", "", StringComparison.Ordinal) + "\n" + Cluster1 + "\n" + Cluster2);

        var loaded = ConfigurationLoader.Load(path, ["cluster2"]);

        Assert.Equal("cluster2", Assert.Single(loaded.Options.Clusters).Name);
        var error = Assert.Throws<ConfigurationException>(() => ConfigurationLoader.Load(path, ["cluster9"]));
        Assert.Contains("--cluster names 'cluster9', but the configuration has no such section (it has: cluster1, cluster2)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EverythingIsOffByDefault()
    {
        using var files = new ConfigFiles();
        var path = files.Write("config.toml", "[c]\ndb-servers-hosts = \"h\"\ndb-servers-credential = \"u:p\"\n");

        var cluster = Assert.Single(ConfigurationLoader.Load(path).Options.Clusters);

        Assert.False(cluster.Scheduler.Enabled);
        Assert.All(cluster.Scheduler.Tasks, task => Assert.False(task.Enabled, task.Name));
        Assert.Equal(ReplicationManager.Core.Jobs.JobMode.Sql, cluster.Scheduler.JobsMode);
        Assert.Empty(cluster.Scheduler.SenderPorts);
    }

    [Fact]
    public void SpecPortDefaultsAreKept()
    {
        using var files = new ConfigFiles();
        var path = files.Write("config.toml", "[c]\ndb-servers-hosts = \"h\"\ndb-servers-credential = \"u:p\"\n");

        var loaded = ConfigurationLoader.Load(path).Options;
        var cluster = loaded.Clusters[0];

        Assert.Equal(10005, loaded.Global.Api.ApiPort);
        Assert.Equal(10001, loaded.Global.Api.HttpPort);
        Assert.Equal(6033, cluster.ProxySql.Port);
        Assert.Equal(6032, cluster.ProxySql.AdminPort);
        Assert.Equal(3306, cluster.Haproxy.WritePort);
        Assert.Equal(3307, cluster.Haproxy.ReadPort);
        Assert.Equal([2003, 2004, 7002, 7007, 10002, 10003],
            [loaded.Global.Graphite.CarbonPort, loaded.Global.Graphite.CarbonPicklePort, loaded.Global.Graphite.CarbonLinkPort,
             loaded.Global.Graphite.CarbonPprofPort, loaded.Global.Graphite.CarbonApiPort, loaded.Global.Graphite.CarbonServerPort]);
        Assert.Equal(1, cluster.Monitoring.DecreaseMaxConnectionsValue);
        Assert.Equal(22, cluster.Ssh.Port);
    }

    [Fact]
    public void OldKeyNamesAreReadAsTheirNewNames()
    {
        using var files = new ConfigFiles();
        var path = files.Write("config.toml", "[c]\nhosts = \"h1,h2\"\nuser = \"u:p\"\njob-log-batch-size = 7\n");

        var loaded = ConfigurationLoader.Load(path);
        var cluster = loaded.Options.Clusters[0];

        Assert.Equal(2, cluster.Monitoring.Hosts.Count);
        Assert.Equal("u", cluster.Monitoring.Credential.User);
        Assert.Equal(7, cluster.Scheduler.LogBatchSize);
        Assert.Contains(loaded.Diagnostics, finding => finding.Key == "hosts" && finding.Message == "old name of db-servers-hosts; read as db-servers-hosts");
    }
}
