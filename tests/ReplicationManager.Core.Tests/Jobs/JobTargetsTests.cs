using ReplicationManager.Core.Jobs;
using ReplicationManager.Core.Options;
using ReplicationManager.Core.Topology;

namespace ReplicationManager.Core.Tests.Jobs;

public sealed class JobTargetsTests
{
    private static readonly ServerAddress Db1 = new("db1", 3306);
    private static readonly ServerAddress Db2 = new("db2", 3306);
    private static readonly ServerAddress Db3 = new("db3", 3306);

    [Fact]
    public void LogicalBackupRunsInRepmanOnThePrimaryByDefault()
    {
        var plans = JobTargets.For("scheduler-db-servers-logical-backup", Healthy(), Options());

        Assert.Equal([new JobPlan(Db1, "mysqldump", JobMode.Local)], plans.Jobs);
    }

    [Fact]
    public void LogicalBackupPrefersTheBackupServerAndHonoursForcedRemote()
    {
        var options = Options("""
            db-servers-backup-hosts = "db3"
            backup-logical-type = "mydumper"
            scheduler-jobs-exec-remote = "mydumper"
            """);

        var plans = JobTargets.For("scheduler-db-servers-logical-backup", Healthy(), options);

        Assert.Equal([new JobPlan(Db3, "mydumper", JobMode.Sql)], plans.Jobs);
    }

    [Fact]
    public void ABackupServerThatDoesNotAnswerFallsBackToThePrimary()
    {
        var options = Options("db-servers-backup-hosts = \"db3\"");

        var plans = JobTargets.For("scheduler-db-servers-logical-backup", Healthy(db3: ServerState.Failed), options);

        Assert.Equal(Db1, Assert.Single(plans.Jobs).Server);
    }

    [Fact]
    public void PhysicalBackupIsMariabackupOnMariaDbWhateverTheTypeSays()
    {
        var plans = JobTargets.For("scheduler-db-servers-physical-backup", Healthy(), Options("backup-physical-type = \"xtrabackup\""));

        Assert.Equal([new JobPlan(Db1, "mariabackup", JobMode.Sql)], plans.Jobs);
    }

    [Fact]
    public void LogsAreFetchedFromEveryServerThatAnswers()
    {
        var plans = JobTargets.For("scheduler-db-servers-logs", Healthy(db2: ServerState.Suspect), Options());

        Assert.Equal(
            [new JobPlan(Db1, "errorlog", JobMode.Sql), new JobPlan(Db1, "slowquery", JobMode.Sql), new JobPlan(Db3, "errorlog", JobMode.Sql), new JobPlan(Db3, "slowquery", JobMode.Sql)],
            plans.Jobs);
    }

    [Fact]
    public void OptimizeRunsOnTheReplicasAsSqlUnlessForcedRemote()
    {
        Assert.Equal([new JobPlan(Db2, "optimize", JobMode.Local), new JobPlan(Db3, "optimize", JobMode.Local)],
            JobTargets.For("scheduler-db-servers-optimize", Healthy(), Options()).Jobs);
        Assert.Equal([new JobPlan(Db2, "optimize", JobMode.Sql), new JobPlan(Db3, "optimize", JobMode.Sql)],
            JobTargets.For("scheduler-db-servers-optimize", Healthy(), Options("scheduler-jobs-exec-remote = \"optimize\"")).Jobs);
        Assert.Equal(JobMode.Sql, JobTargets.For("scheduler-db-servers-optimize", Healthy(), Options("optimize-use-sql = false")).Jobs[0].Mode);
    }

    [Theory]
    [InlineData("scheduler-db-servers-analyze", "analyze")]
    [InlineData("scheduler-db-servers-logs-table-rotate", "logrotate")]
    public void PrimaryOnlyTasksRunOnThePrimary(string scheduled, string task)
    {
        Assert.Equal([new JobPlan(Db1, task, JobMode.Local)], JobTargets.For(scheduled, Healthy(), Options()).Jobs);
    }

    [Fact]
    public void WithoutAReachablePrimaryNothingRunsAndTheReasonIsGiven()
    {
        var plans = JobTargets.For("scheduler-db-servers-analyze", Healthy(db1: ServerState.Failed), Options());

        Assert.Empty(plans.Jobs);
        Assert.Equal("there is no reachable primary", plans.NothingBecause);
    }

    [Fact]
    public void TasksNotYetAvailableSaySo()
    {
        var plans = JobTargets.For("scheduler-rolling-restart", Healthy(), Options());

        Assert.Equal("scheduler-rolling-restart is not available in this version of repman", plans.NothingBecause);
    }

    private static ClusterSnapshot Healthy(ServerState db1 = ServerState.Master, ServerState db2 = ServerState.Slave, ServerState db3 = ServerState.Slave) => new()
    {
        Name = "c",
        PrimaryAddress = Db1,
        Servers =
        [
            new ServerSnapshot { Address = Db1, State = db1, Flavor = ServerFlavor.MariaDb },
            new ServerSnapshot { Address = Db2, State = db2, Flavor = ServerFlavor.MariaDb },
            new ServerSnapshot { Address = Db3, State = db3, Flavor = ServerFlavor.MariaDb },
        ],
    };

    private static ClusterOptions Options(string extra = "")
    {
        var directory = Path.Combine(Path.GetTempPath(), "repman-targets-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            var path = Path.Combine(directory, "config.toml");
            File.WriteAllText(path, "[c]\ndb-servers-hosts = \"db1,db2,db3\"\ndb-servers-credential = \"u:p\"\n" + extra + "\n");
            return ConfigurationLoader.Load(path).Options.Clusters[0];
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
