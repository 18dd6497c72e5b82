using ReplicationManager.Core.Backups;
using ReplicationManager.Core.Jobs;
using ReplicationManager.Core.Jobs.Local;
using ReplicationManager.Core.Options;
using ReplicationManager.Core.Tests.Options;

namespace ReplicationManager.Core.Tests.Jobs;

public sealed class LocalTasksTests
{
    [Theory]
    [InlineData(JobTasks.Mysqldump, typeof(MysqldumpBackupTask))]
    [InlineData(JobTasks.Mydumper, typeof(MydumperBackupTask))]
    [InlineData(JobTasks.Analyze, typeof(AnalyzeTablesTask))]
    [InlineData(JobTasks.Optimize, typeof(OptimizeTablesTask))]
    [InlineData(JobTasks.LogRotate, typeof(LogTableRotateTask))]
    [InlineData(JobTasks.Checksum, typeof(ChecksumTablesTask))]
    [InlineData(JobTasks.SchemaMonitor, typeof(SchemaSnapshotTask))]
    public void EachLocalTaskNameHasItsImplementation(string task, Type implementation)
    {
        var found = LocalTasks.For(task);

        Assert.IsType(implementation, found);
        Assert.Equal(task, found!.Task);
    }

    [Fact]
    public void EveryCanonicalLocalTaskIsImplemented()
    {
        // dbjobs is each cluster's SSH runner, built by ClusterJobs with that cluster's SSH settings, not a shared task;
        // reseedmysqldump and restorecheck run for one backup or plan, started by their own wings only.
        Assert.Equal(JobTasks.Local.Where(task => task is not JobTasks.DbJobs and not JobTasks.ReseedMysqldump and not JobTasks.RestoreCheck).Order(StringComparer.Ordinal),
            LocalTasks.Names.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(JobTasks.Mariabackup)]
    [InlineData(JobTasks.ErrorLog)]
    [InlineData("optimized")]
    [InlineData("")]
    public void TasksOnlyTheJobScriptRunsHaveNone(string task)
    {
        Assert.Null(LocalTasks.For(task));
    }

    [Theory]
    [InlineData("mysqldump", typeof(MysqldumpBackupTask))]
    [InlineData("mydumper", typeof(MydumperBackupTask))]
    [InlineData("river", null)]
    [InlineData("dumpling", null)]
    public void TheLogicalBackupFollowsItsConfiguredType(string type, Type? implementation)
    {
        var cluster = Load($"backup-logical-type = \"{type}\"");

        var task = LocalTasks.ForLogicalBackup(cluster.Backup);

        Assert.Equal(implementation, task?.GetType());
        if (task is null)
            Assert.Contains(type, LocalTasks.UnsupportedLogicalType(cluster.Backup), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", JobTasks.Optimize, true)]
    [InlineData("", JobTasks.Mysqldump, true)]
    [InlineData("", JobTasks.Analyze, true)]
    [InlineData("scheduler-jobs-exec-remote = \"mysqldump,optimize\"", JobTasks.Optimize, false)]
    [InlineData("scheduler-jobs-exec-remote = \"mysqldump,optimize\"", JobTasks.Mysqldump, false)]
    [InlineData("scheduler-jobs-exec-remote = \"mysqldump,optimize\"", JobTasks.Mydumper, true)]
    [InlineData("optimize-use-sql = false", JobTasks.Optimize, false)]
    [InlineData("", JobTasks.Mariabackup, false)]
    public void ATaskRunsLocallyUnlessSentToTheJobScript(string toml, string task, bool local)
    {
        Assert.Equal(local, LocalTasks.RunsLocally(task, Load(toml).Scheduler));
    }

    private static ClusterOptions Load(string settings)
    {
        using var files = new ConfigFiles();
        var path = files.Write("config.toml", $"""
            [Default]
            monitoring-datadir = "{files.Root}"

            [lab]
            db-servers-hosts = "127.0.0.11:3306"
            db-servers-credential = "repman:secret"
            {settings}
            """);
        return ConfigurationLoader.Load(path).Options.Clusters.Single();
    }
}
