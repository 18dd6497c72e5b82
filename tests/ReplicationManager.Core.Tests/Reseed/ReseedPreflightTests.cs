using ReplicationManager.Core.Jobs;
using ReplicationManager.Core.Reseed;
using ReplicationManager.Core.Topology;

namespace ReplicationManager.Core.Tests.Reseed;

/// <summary>ReseedPreflight.Check, case by case: each refusal, the backup chosen, and the confirmation.</summary>
public sealed class ReseedPreflightTests
{
    private static readonly ServerAddress Db1 = new("db1", 3306);
    private static readonly ServerAddress Db2 = new("db2", 3306);
    private static readonly ServerAddress Db3 = new("db3", 3306);
    private static readonly ServerAddress Unknown = new("db9", 3306);
    private static readonly ReseedSource Newest = Source("mariabackup_20261206T120000Z", 12);
    private static readonly ReseedSource Older = Source("mariabackup_20261205T120000Z", 11);

    public static TheoryData<string, ReseedRefusal, string> Refusals() => new()
    {
        { "unknown server", ReseedRefusal.UnknownServer, "db9:3306 is not a server of cluster c" },
        { "no dump", ReseedRefusal.NoBackup, "cluster c has no mysqldump backup with a GTID to reseed from; take one first (actions/backup-logical)" },
        { "no primary", ReseedRefusal.NoPrimary, "the cluster has no primary for the reseeded server to replicate from" },
        { "primary down", ReseedRefusal.NoPrimary, "the primary db1:3306 does not answer: the reseeded server could not replicate from it" },
        { "joiner is primary", ReseedRefusal.JoinerIsPrimary, "db1:3306 is the primary: a reseed replaces a replica's data; switch over first" },
        { "backup running on joiner", ReseedRefusal.Busy, "a mariabackup job is in flight on db3:3306 (job 7); wait for it or cancel it" },
        { "no backup", ReseedRefusal.NoBackup, "cluster c has no checked physical backup with a GTID to reseed from; take one first (actions/backup-physical)" },
        { "unknown backup", ReseedRefusal.NoBackup,
            "backup mariabackup_x is not a checked physical backup of cluster c with a GTID (known: mariabackup_20261206T120000Z, mariabackup_20261205T120000Z)" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void RefusesSayingWhy(string situation, ReseedRefusal refusal, string reason)
    {
        var (snapshot, joiner, method, sources, backup, active) = situation switch
        {
            "unknown server" => (Cluster(), Unknown, ReseedMethod.PhysicalBackup, Both, (string?)null, NoJobs),
            "no dump" => (Cluster(), Db3, ReseedMethod.LogicalBackup, [], null, NoJobs),
            "no primary" => (Cluster(noPrimary: true), Db3, ReseedMethod.PhysicalBackup, Both, null, NoJobs),
            "primary down" => (Cluster(db1: ServerState.Failed), Db3, ReseedMethod.PhysicalBackup, Both, null, NoJobs),
            "joiner is primary" => (Cluster(), Db1, ReseedMethod.PhysicalBackup, Both, null, NoJobs),
            "backup running on joiner" => (Cluster(), Db3, ReseedMethod.PhysicalBackup, Both, null, [Running(JobTasks.Mariabackup, Db3)]),
            "no backup" => (Cluster(), Db3, ReseedMethod.PhysicalBackup, [], null, NoJobs),
            _ => (Cluster(), Db3, ReseedMethod.PhysicalBackup, Both, "mariabackup_x", NoJobs),
        };

        var decision = ReseedPreflight.Check(snapshot, joiner, method, sources, backup, active, confirmed: true);

        Assert.False(decision.Proceeds);
        Assert.Equal((refusal, reason), (decision.Refusal, decision.Reason));
    }

    [Fact]
    public void TakesTheNewestBackupAndAJobElsewhereDoesNotStopIt()
    {
        var decision = ReseedPreflight.Check(Cluster(), Db3, ReseedMethod.PhysicalBackup, Both, null, [Running(JobTasks.Mariabackup, Db2), Running(JobTasks.ErrorLog, Db3)], confirmed: true);

        Assert.True(decision.Proceeds);
        Assert.Equal(new ReseedPlan(Db3, Db1, Newest), decision.Plan);
    }

    [Fact]
    public void LogicalMasterNeedsNoBackupAndDumpsThePrimary()
    {
        var decision = ReseedPreflight.Check(Cluster(), Db3, ReseedMethod.LogicalMaster, [], null, NoJobs, confirmed: false);

        Assert.Equal(ReseedRefusal.NotConfirmed, decision.Refusal);
        Assert.Equal(ReseedSource.DumpOf(Db1), decision.Plan!.Source);
        Assert.StartsWith("db3:3306 would lose every user database, then get a dump of the primary db1:3306", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ALogicalReseedRunningOnTheJoinerStopsAnother()
    {
        var decision = ReseedPreflight.Check(Cluster(), Db3, ReseedMethod.LogicalMaster, [], null, [Running(JobTasks.ReseedMysqldump, Db3)], confirmed: true);

        Assert.Equal(ReseedRefusal.Busy, decision.Refusal);
    }

    [Fact]
    public void TakesTheBackupNamed()
    {
        var decision = ReseedPreflight.Check(Cluster(), Db3, ReseedMethod.PhysicalBackup, Both, Older.Id, NoJobs, confirmed: true);

        Assert.Equal(Older, decision.Plan!.Source);
    }

    [Fact]
    public void WithoutConfirmationItRefusesAndSaysWhatWouldHappen()
    {
        var decision = ReseedPreflight.Check(Cluster(), Db3, ReseedMethod.PhysicalBackup, Both, null, NoJobs, confirmed: false);

        Assert.Equal(ReseedRefusal.NotConfirmed, decision.Refusal);
        Assert.Equal(
            "db3:3306 would get backup mariabackup_20261206T120000Z of db2:3306 (1000 bytes, taken 2026-12-06 12:00:00Z) on its SST port, then replicate from " +
            "db1:3306 after GTID 0-1-12; its old data directory is kept aside until it replicates; this replaces every byte of db3:3306's data: repeat with ?confirm=true",
            decision.Reason);
        Assert.NotNull(decision.Plan);
    }

    [Fact]
    public void AnXtrabackupSourceIsReceivedByTheXtrabackupTask()
    {
        Assert.Equal(JobTasks.ReseedXtrabackup, (Newest with { Tool = JobTasks.Xtrabackup }).JoinerTask);
        Assert.Equal(JobTasks.ReseedMariabackup, Newest.JoinerTask);
    }

    private static IReadOnlyList<ReseedSource> Both => [Newest, Older];

    private static IReadOnlyList<Job> NoJobs => [];

    private static Job Running(string task, ServerAddress server) => new() { Id = 7, Task = task, Target = server, State = JobState.Processing };

    private static ReseedSource Source(string id, int sequence) =>
        new(id, JobTasks.Mariabackup, Db2, $"/backups/{id}.xbstream", 1000, new DateTimeOffset(2026, 12, sequence - 6, 12, 0, 0, TimeSpan.Zero),
            new BackupPosition($"0-1-{sequence}", "binlog.000002", 400));

    private static ClusterSnapshot Cluster(bool noPrimary = false, ServerState db1 = ServerState.Master) => new()
    {
        Name = "c",
        PrimaryAddress = noPrimary ? null : Db1,
        Servers =
        [
            new ServerSnapshot { Address = Db1, State = db1, Flavor = ServerFlavor.MariaDb },
            new ServerSnapshot { Address = Db2, State = ServerState.Slave, Flavor = ServerFlavor.MariaDb },
            new ServerSnapshot { Address = Db3, State = ServerState.Slave, Flavor = ServerFlavor.MariaDb },
        ],
    };
}
