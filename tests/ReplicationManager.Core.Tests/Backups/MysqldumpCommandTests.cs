using ReplicationManager.Core.Backups;
using ReplicationManager.Core.Options;
using ReplicationManager.Core.Topology;

namespace ReplicationManager.Core.Tests.Backups;

public sealed class MysqldumpCommandTests
{
    private const string Defaults = "--hex-blob --single-transaction --verbose --all-databases --routines=true --triggers=true --system=all";
    private const string OptionFile = "/tmp/repman-dump-x/client.cnf";

    private static readonly DumpTarget Primary = new(new ServerAddress("127.0.0.11", 3306), "repman", "10.11.19-MariaDB-log",
        new Version(10, 11, 19), IsMariaDb: true, IsReplica: false, SqlThreadsRunning: false, LogBin: true, EventScheduler: "OFF", Tls: null);

    [Fact]
    public void TheOptionFileComesFirst()
    {
        var command = Build(Defaults, Primary);

        Assert.Equal("--defaults-extra-file=" + OptionFile, command.Arguments[0]);
        Assert.Single(command.Arguments, argument => argument.StartsWith("--defaults", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("--password=s3cret")]
    [InlineData("-ps3cret")]
    [InlineData("--password s3cret")]
    [InlineData("-p s3cret")]
    [InlineData("--host=10.0.0.1 --password=s3cret --user=root")]
    public void APasswordIsNeverOnTheCommandLine(string configured)
    {
        var command = Build($"{Defaults} {configured}", Primary);

        Assert.DoesNotContain(command.Arguments, argument => argument.Contains("s3cret", StringComparison.Ordinal));
        Assert.DoesNotContain(command.Arguments, argument => ToolOptions.NameOf(argument) is "password" or "p");
        Assert.Contains(command.Dropped, dropped => dropped.Option is "--password" or "-p");
        Assert.DoesNotContain(command.Dropped, dropped => dropped.ToString().Contains("s3cret", StringComparison.Ordinal));
    }

    [Fact]
    public void APrimaryIsDumpedWithItsOwnCoordinatesAndGtid()
    {
        var arguments = Build(Defaults, Primary).Arguments;

        Assert.Contains("--master-data=2", arguments);
        Assert.Contains("--gtid", arguments);
        Assert.DoesNotContain("--dump-slave=2", arguments);
        Assert.Contains("--skip-log-queries", arguments);
        Assert.Contains("--ignore-table=replication_manager_schema.jobs", arguments);
        Assert.Equal(new[] { "--host=127.0.0.11", "--port=3306", "--user=repman" }, arguments.Where(a => a.StartsWith("--host", StringComparison.Ordinal) || a.StartsWith("--port", StringComparison.Ordinal) || a.StartsWith("--user", StringComparison.Ordinal)));
    }

    [Fact]
    public void AReplicaIsDumpedWithItsSourceCoordinates()
    {
        var arguments = Build(Defaults, Primary with { IsReplica = true }).Arguments;

        Assert.Contains("--dump-slave=2", arguments);
        Assert.DoesNotContain("--master-data=2", arguments);
    }

    [Fact]
    public void AServerWithoutBinaryLogGetsNoCoordinatesAndANote()
    {
        var command = Build(Defaults, Primary with { LogBin = false });

        Assert.DoesNotContain(command.Arguments, argument => argument.StartsWith("--master-data", StringComparison.Ordinal) || argument.StartsWith("--dump-slave", StringComparison.Ordinal));
        Assert.Contains(command.Notes, note => note.Contains("no coordinates", StringComparison.Ordinal));
    }

    [Fact]
    public void ConfiguredCoordinateOptionsGiveWayToTheServersRole()
    {
        var command = Build("--single-transaction --master-data=1 --gtid --dump-slave", Primary);

        Assert.Single(command.Arguments, argument => argument.StartsWith("--master-data", StringComparison.Ordinal));
        Assert.Contains("--master-data=2", command.Arguments);
        Assert.Equal(new[] { "--master-data", "--gtid", "--dump-slave" }, command.Dropped.Select(dropped => dropped.Option));
    }

    [Fact]
    public void WithoutSystemTablesTheMysqlSchemaAndSystemOptionStayOut()
    {
        var command = Build(Defaults, Primary, dumpSystemTables: false);

        Assert.Contains("--ignore-database=mysql", command.Arguments);
        Assert.DoesNotContain("--system=all", command.Arguments);
        Assert.Contains(command.Dropped, dropped => dropped.Option == "--system" && dropped.Reason.Contains("backup-logical-dump-system-tables", StringComparison.Ordinal));
    }

    [Fact]
    public void NamedDatabasesAreDumpedAsNamed()
    {
        var command = Build("--single-transaction --databases shop mysql", Primary, dumpSystemTables: false);

        Assert.DoesNotContain(command.Arguments, argument => argument.StartsWith("--ignore-database", StringComparison.Ordinal));
        Assert.Contains("mysql", command.Arguments);
    }

    [Fact]
    public void WithSystemTablesTheMysqlSchemaAndUsersAreDumped()
    {
        var command = Build(Defaults, Primary, dumpSystemTables: true);

        Assert.Contains("--system=all", command.Arguments);
        Assert.DoesNotContain("--ignore-database=mysql", command.Arguments);
        Assert.Empty(command.Dropped);
    }

    [Fact]
    public void AMySqlToolGetsNoMariaDbOptions()
    {
        var command = MysqldumpCommand.Build("/usr/bin/mysqldump", isMariaDbTool: false, Defaults, dumpSystemTables: false, Primary, OptionFile);

        Assert.DoesNotContain("--gtid", command.Arguments);
        Assert.DoesNotContain("--skip-log-queries", command.Arguments);
        Assert.DoesNotContain("--ignore-database=mysql", command.Arguments);
        Assert.Contains(command.Notes, note => note.Contains("mysql schema", StringComparison.Ordinal));
    }

    [Fact]
    public void ASnapshotIsAddedUnlessTheOptionsLockTables()
    {
        Assert.Contains("--single-transaction", Build("--all-databases", Primary).Arguments);
        Assert.DoesNotContain("--single-transaction", Build("--all-databases --lock-all-tables", Primary).Arguments);
        Assert.Single(Build(Defaults, Primary).Arguments, argument => argument == "--single-transaction");
    }

    [Fact]
    public void EventsAreDumpedUnlessTheSchedulerIsDisabledOrTheOptionsSay()
    {
        Assert.Contains("--events", Build(Defaults, Primary).Arguments);
        var disabled = Build(Defaults, Primary with { EventScheduler = "DISABLED" });
        Assert.DoesNotContain("--events", disabled.Arguments);
        Assert.Contains(disabled.Notes, note => note.Contains("DISABLED", StringComparison.Ordinal));
        Assert.DoesNotContain("--events", Build(Defaults + " --skip-events", Primary).Arguments);
    }

    [Theory]
    [InlineData("--host db9", "--host")]
    [InlineData("-h db9", "-h")]
    [InlineData("--result-file=/tmp/x.sql", "--result-file")]
    [InlineData("--tab /tmp", "--tab")]
    [InlineData("--socket=/run/mysqld.sock", "--socket")]
    [InlineData("--defaults-file=/etc/my.cnf", "--defaults-file")]
    public void OptionsRepmanOwnsAreDroppedWithTheirValue(string configured, string option)
    {
        var command = Build($"--all-databases {configured} --routines", Primary);

        Assert.Contains(command.Dropped, dropped => dropped.Option == option);
        Assert.DoesNotContain(command.Arguments, argument => argument.Contains("db9", StringComparison.Ordinal) || argument == "/tmp" || argument.Contains("/etc/my.cnf", StringComparison.Ordinal));
        Assert.Contains("--routines", command.Arguments);
        Assert.Contains("--all-databases", command.Arguments);
    }

    [Fact]
    public void TlsVerifiesTheServerWithTheConfiguredAuthority()
    {
        var target = Primary with { Tls = new DatabaseTlsOptions("/etc/repman/ca.pem", "/etc/repman/client.pem", "/etc/repman/client.key") };

        var arguments = Build(Defaults, target).Arguments;

        Assert.Contains("--ssl-ca=/etc/repman/ca.pem", arguments);
        Assert.Contains("--ssl-verify-server-cert", arguments);
        Assert.Contains("--ssl-cert=/etc/repman/client.pem", arguments);
        Assert.Contains("--ssl-key=/etc/repman/client.key", arguments);
    }

    private static DumpCommand Build(string configured, DumpTarget target, bool dumpSystemTables = false) =>
        MysqldumpCommand.Build("/usr/bin/mariadb-dump", isMariaDbTool: true, configured, dumpSystemTables, target, OptionFile);
}
