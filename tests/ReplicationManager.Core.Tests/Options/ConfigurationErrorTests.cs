using ReplicationManager.Core.Options;

namespace ReplicationManager.Core.Tests.Options;

public sealed class ConfigurationErrorTests
{
    private const string Valid = "db-servers-hosts = \"h1,h2\"\ndb-servers-credential = \"u:p\"\n";

    [Theory]
    [InlineData("monitoring-ticker = \"often\"", 3, "monitoring-ticker: expected a whole number, got a string")]
    [InlineData("monitoring-ticker = 0", 3, "monitoring-ticker: 0 is out of range 1-2147483647")]
    [InlineData("scheduler-db-servers-logs-cron = \"0 0 25 * * *\"", 3, "scheduler-db-servers-logs-cron: bad cron expression \"0 0 25 * * *\": hour field: 25 is out of range 0-23")]
    [InlineData("monitoring-scheduler = \"yes\"", 3, "monitoring-scheduler: expected true or false, got a string")]
    [InlineData("scheduler-db-servers-sender-ports = \"4000,70000\"", 3, "scheduler-db-servers-sender-ports: '70000' is not a port (1-65535)")]
    [InlineData("scheduler-db-servers-sender-ports = \"4000,4000\"", 3, "scheduler-db-servers-sender-ports: port 4000 is listed twice")]
    [InlineData("scheduler-jobs-mode = \"ftp\"", 3, "scheduler-jobs-mode: 'ftp' is not one of: sql, api")]
    [InlineData("scheduler-jobs-exec-remote = \"mysqldump,mariabackup\"", 3, "scheduler-jobs-exec-remote: 'mariabackup' cannot be sent to the job script")]
    [InlineData("db-servers-prefered-master = \"h9\"", 3, "db-servers-prefered-master: h9:3306 is not in db-servers-hosts of [c]")]
    [InlineData("failover-mode = true", 3, "failover-mode: expected a string, got the boolean true")]
    [InlineData("scheduler-db-servers-sender-ports = \"10005\"", 3, "scheduler-db-servers-sender-ports: port 10005 is already repman's api-port")]
    public void AWrongValueStopsTheStartWithFileLineAndKey(string line, int lineNumber, string expected)
    {
        using var files = new ConfigFiles();
        var path = files.Write("config.toml", "[c]\n" + Valid + line + "\n");

        var error = Assert.Throws<ConfigurationException>(() => ConfigurationLoader.Load(path));

        var only = Assert.Single(error.Errors);
        Assert.Equal(path, only.Origin.File);
        Assert.Equal(lineNumber + 1, only.Origin.Line);
        Assert.Contains(expected, only.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void AMisspeltKeyStopsTheStartNamingTheKeyMeant()
    {
        using var files = new ConfigFiles();
        var path = files.Write("config.toml", "[c]\n" + Valid + "monitoring-tiker = 3\n");

        var error = Assert.Throws<ConfigurationException>(() => ConfigurationLoader.Load(path));

        var only = Assert.Single(error.Errors);
        Assert.Equal($"{path}:4:1: monitoring-tiker: unknown key; did you mean monitoring-ticker? (a misspelt key is refused, not ignored)", only.ToString());
    }

    [Fact]
    public void AKeyCloseToNoKnownOneIsAWarning()
    {
        using var files = new ConfigFiles();
        var path = files.Write("config.toml", "[c]\n" + Valid + "quantum-flux-capacitor = 3\n");

        var loaded = ConfigurationLoader.Load(path);

        var warning = Assert.Single(loaded.Diagnostics, finding => finding.Severity == ConfigSeverity.Warning);
        Assert.Equal($"{path}:4:1: quantum-flux-capacitor: unknown key, ignored", warning.ToString());
    }

    [Fact]
    public void EveryErrorIsReportedAtOnce()
    {
        using var files = new ConfigFiles();
        var path = files.Write("config.toml", "[c]\nmonitoring-ticker = -1\napi-port = 99999\n");

        var error = Assert.Throws<ConfigurationException>(() => ConfigurationLoader.Load(path));

        Assert.Contains(error.Errors, finding => finding.Key == "monitoring-ticker");
        Assert.Contains(error.Errors, finding => finding.Key == "db-servers-hosts" && finding.Message.StartsWith("is required", StringComparison.Ordinal));
        Assert.Contains(error.Errors, finding => finding.Key == "db-servers-credential");
    }

    [Fact]
    public void AGlobalKeyInAClusterSectionIsIgnoredWithAWarning()
    {
        using var files = new ConfigFiles();
        var path = files.Write("config.toml", "[c]\n" + Valid + "api-port = 9000\n");

        var loaded = ConfigurationLoader.Load(path);

        Assert.Equal(10005, loaded.Options.Global.Api.ApiPort);
        Assert.Contains(loaded.Diagnostics, finding => finding.Severity == ConfigSeverity.Warning && finding.Message == "read only from [Default]; ignored in [c]");
    }

    [Fact]
    public void ATomlSyntaxErrorNamesLineAndColumn()
    {
        using var files = new ConfigFiles();
        var path = files.Write("config.toml", "[c]\nmonitoring-ticker = = 2\n");

        var error = Assert.Throws<ConfigurationException>(() => ConfigurationLoader.Load(path));

        var only = Assert.Single(error.Errors);
        Assert.Equal(2, only.Origin.Line);
        Assert.True(only.Origin.Column > 1);
    }

    [Fact]
    public void AMissingIncludeIsAWarningAndTheRestLoads()
    {
        using var files = new ConfigFiles();
        var path = files.Write("config.toml", "[Default]\ninclude = \"cluster.d\"\n[c]\n" + Valid);

        var loaded = ConfigurationLoader.Load(path);

        var warning = Assert.Single(loaded.Diagnostics, finding => finding.Severity == ConfigSeverity.Warning);
        Assert.Equal(("include", 2), (warning.Key, warning.Origin.Line));
        Assert.Contains("cluster.d' does not exist; nothing is included from it", warning.Message, StringComparison.Ordinal);
        Assert.Equal("c", Assert.Single(loaded.Options.Clusters).Name);
    }

    [Theory]
    [InlineData("dumpling")]
    [InlineData("river")]
    public void ALogicalBackupToolRepmanCannotRunTurnsTheScheduledBackupOffWithTheReason(string tool)
    {
        using var files = new ConfigFiles();
        var path = files.Write("config.toml", $"[c]\n{Valid}backup-logical-type = \"{tool}\"\nmonitoring-scheduler = true\nscheduler-db-servers-logical-backup = true\n");

        var loaded = ConfigurationLoader.Load(path);

        var warning = Assert.Single(loaded.Diagnostics, finding => finding.Severity == ConfigSeverity.Warning);
        Assert.Equal("backup-logical-type", warning.Key);
        Assert.EndsWith("the scheduled logical backup is disabled", warning.Message, StringComparison.Ordinal);
        var backup = loaded.Options.Clusters[0].Scheduler.LogicalBackup;
        Assert.False(backup.Enabled);
        Assert.Equal($"backup-logical-type = {tool}: repman runs logical backups with mysqldump or mydumper only", backup.DisabledBecause);
        var settings = new ReplicationManager.Core.Scheduling.SchedulerSettings("c", loaded.Options.Clusters[0].Scheduler, new NoSavedSettings());
        Assert.Equal(backup.DisabledBecause, settings.Find(backup.Name)!.DisabledBecause);
        var refused = settings.SetEnabled(backup.Name, true);
        Assert.False(refused.Applied);
        Assert.Contains("mysqldump or mydumper only", refused.Message, StringComparison.Ordinal);
        Assert.False(settings.Find(backup.Name)!.Enabled);
    }

    private sealed class NoSavedSettings : ReplicationManager.Core.Scheduling.ISchedulerSettingsStore
    {
        public IReadOnlyDictionary<string, string> Load(string cluster) => new Dictionary<string, string>();

        public void Save(string cluster, string key, string value)
        {
        }
    }

    [Fact]
    public void TheSameClusterInTwoFilesIsAnError()
    {
        using var files = new ConfigFiles();
        var path = files.Write("config.toml", "[Default]\ninclude = \"d\"\n[c]\n" + Valid);
        files.Write("d/again.toml", "[c]\n" + Valid);

        var error = Assert.Throws<ConfigurationException>(() => ConfigurationLoader.Load(path));

        Assert.Contains("cluster section [c] is also defined at", Assert.Single(error.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingFileSaysWhere()
    {
        var error = Assert.Throws<ConfigurationException>(() => ConfigurationLoader.Load("/nonexistent/repman.toml"));

        Assert.Contains("'/nonexistent/repman.toml' does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PasswordsNeverAppearInTheTextOfOptions()
    {
        using var files = new ConfigFiles();
        var path = files.Write("config.toml", "[c]\ndb-servers-hosts = \"h\"\ndb-servers-credential = \"u:TopSecret1\"\nbackup-restic = true\nbackup-restic-password = \"TopSecret2\"\n");

        var options = ConfigurationLoader.Load(path).Options;

        var text = options.ToString() + options.Clusters[0];
        Assert.DoesNotContain("TopSecret", text, StringComparison.Ordinal);
    }
}
