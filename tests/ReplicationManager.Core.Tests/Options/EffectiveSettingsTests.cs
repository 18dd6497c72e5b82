using ReplicationManager.Core.Options;

namespace ReplicationManager.Core.Tests.Options;

/// <summary>Each key as the process runs with it: what <c>config show</c> and the dashboard's settings print.</summary>
public sealed class EffectiveSettingsTests
{
    [Fact]
    public void AClusterKeyShowsTheValueItWasWrittenAsAndWhereAndTheRestTheirDefaults()
    {
        using var files = new ConfigFiles();
        var path = files.Write("config.toml", """
            [Default]
            monitoring-ticker = 5
            api-credentials = "admin:secret-Pa55"

            [east]
            db-servers-hosts = ["127.0.0.11:3306", "127.0.0.12:3306"]
            db-servers-credential = "repman:db-Pa55"
            scheduler-db-servers-logical-backup-cron = "0 0 1 * * 6"
            """);
        var options = ConfigurationLoader.Load(path).Options;
        var east = options.Clusters.Single().Section!.Effective(ConfigScope.Cluster).ToDictionary(setting => setting.Key);

        Assert.Equal("127.0.0.11:3306,127.0.0.12:3306", east["db-servers-hosts"].Value);
        Assert.Equal($"{path}:6:20", east["db-servers-hosts"].Origin);
        Assert.Equal("5", east["monitoring-ticker"].Value);
        Assert.Equal($"{path}:2:21", east["monitoring-ticker"].Origin);
        Assert.False(east["monitoring-ticker"].IsDefault);
        Assert.Equal("0 0 1 * * 6", east["scheduler-db-servers-logical-backup-cron"].Value);
        Assert.Equal(EffectiveSetting.Masked, east["db-servers-credential"].Value);
        var retention = east["backup-keep-daily"];
        Assert.True(retention.IsDefault);
        Assert.Equal(retention.Default, retention.Value);
        Assert.DoesNotContain("api-port", east.Keys);

        var global = options.Global.Section!.Effective(ConfigScope.Global).ToDictionary(setting => setting.Key);
        Assert.Equal(EffectiveSetting.Masked, global["api-credentials"].Value);
        Assert.Equal(global["api-port"].Default, global["api-port"].Value);
        Assert.Equal(ConfigCatalog.All.Count, east.Count + global.Count);
    }

    [Fact]
    public void AnEmptyIncludeAsPrintDefaultsWritesItReadsNoOtherFile()
    {
        using var files = new ConfigFiles();
        files.Write("other.toml", "[Default]\nmonitoring-ticker = \"not a number\"\n");
        var path = files.Write("config.toml", """
            [Default]
            include = ""

            [east]
            db-servers-hosts = "127.0.0.11:3306"
            db-servers-credential = "repman:db-Pa55"
            """);

        var loaded = ConfigurationLoader.Load(path);

        Assert.Equal([path], loaded.Files);
    }
}
