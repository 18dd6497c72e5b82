using ReplicationManager.Core.Backups;
using ReplicationManager.Core.Topology;

namespace ReplicationManager.Core.Tests.Backups;

public sealed class MydumperCommandTests
{
    private const string Defaults = "--chunk-filesize=1000 --compress --less-locking --verbose=3 --triggers --routines --events --trx-consistency-only --kill-long-queries";
    private const string OptionFile = "/tmp/repman-dump-x/client.cnf";
    private const string Output = "/var/lib/replication-manager/Backups/lab/127.0.0.11_3306/.mydumper_20261122T051112Z.partial";

    // The option lines of mydumper 0.10.0's --help, as printed on the lab.
    private const string Help010 = """
        Usage:
          mydumper [OPTION?] multi-threaded MySQL dumping

        Help Options:
          -?, --help                  Show help options

        Application Options:
          -B, --database              Database to dump
          -o, --outputdir             Directory to output files to
          -F, --chunk-filesize        Split tables into chunks of this output file size. This value is in MB
          -c, --compress              Compress output files
          -x, --regex                 Regular expression for 'db.table' matching
          -G, --triggers              Dump triggers
          -E, --events                Dump events
          -R, --routines              Dump stored procedures and functions
          --less-locking              Minimize locking time on InnoDB tables.
          -K, --kill-long-queries     Kill long running queries (instead of aborting)
          --trx-consistency-only      Transactional consistency only
          -h, --host                  The host to connect to
          -u, --user                  Username with the necessary privileges
          -p, --password              User password
          -P, --port                  TCP/IP port to connect to
          -t, --threads               Number of threads to use, default 4
          -v, --verbose               Verbosity of output, 0 = silent, 1 = errors, 2 = warnings, 3 = info, default 2
          --defaults-file             Use a specific defaults file
          --ssl                       Connect using SSL
          --ca                        The path name to the certificate authority file
        """;

    private static readonly DumpTarget Primary = new(new ServerAddress("127.0.0.11", 3306), "repman", "10.11.19-MariaDB-log",
        new Version(10, 11, 19), IsMariaDb: true, IsReplica: false, SqlThreadsRunning: false, LogBin: true, EventScheduler: "OFF", Tls: null);

    [Fact]
    public void ReadsTheOptionsOfAHelpText()
    {
        var options = MydumperHelp.OptionsIn(Help010);

        Assert.Contains("less-locking", options);
        Assert.Contains("compress", options);
        Assert.Contains("c", options);
        Assert.Contains("P", options);
        Assert.Contains("defaults-file", options);
        Assert.DoesNotContain("clear", options);
    }

    [Fact]
    public void TheDefaultOptionsAllWorkWithMydumper010()
    {
        var command = Build(Defaults, MydumperHelp.OptionsIn(Help010));

        Assert.Empty(command.Dropped);
        Assert.Equal("--defaults-file=" + OptionFile, command.Arguments[0]);
        Assert.Contains("--less-locking", command.Arguments);
        Assert.Contains("--outputdir=" + Output, command.Arguments);
        Assert.Contains("--threads=2", command.Arguments);
        Assert.Contains("--port=3306", command.Arguments);
    }

    [Fact]
    public void OptionsThisMydumperDoesNotKnowAreDroppedAndNamed()
    {
        var known = MydumperHelp.OptionsIn(Help010);

        var command = Build(Defaults + " --clear --rows 100000 --compress-protocol", known);

        Assert.Equal(new[] { "--clear", "--rows", "--compress-protocol" }, command.Dropped.Select(dropped => dropped.Option));
        Assert.All(command.Dropped, dropped => Assert.Contains("does not know", dropped.Reason, StringComparison.Ordinal));
        Assert.DoesNotContain("100000", command.Arguments);
        Assert.Contains("--kill-long-queries", command.Arguments);
    }

    [Theory]
    [InlineData("--password=s3cret")]
    [InlineData("--password s3cret")]
    [InlineData("-p s3cret")]
    [InlineData("-ps3cret")]
    public void APasswordIsNeverOnTheCommandLine(string configured)
    {
        var command = Build($"{Defaults} {configured}", MydumperHelp.OptionsIn(Help010));

        Assert.DoesNotContain(command.Arguments, argument => argument.Contains("s3cret", StringComparison.Ordinal));
        Assert.Contains(command.Dropped, dropped => dropped.Option is "--password" or "-p");
    }

    [Fact]
    public void TheJobsTableAndTheSystemSchemasAreLeftOut()
    {
        Assert.Equal(@"^(?!(replication_manager_schema\.jobs$|mysql\.|sys\.))", MydumperCommand.Regex(dumpSystemTables: false));
        Assert.Equal(@"^(?!(replication_manager_schema\.jobs$))", MydumperCommand.Regex(dumpSystemTables: true));
        Assert.Contains("--regex=" + MydumperCommand.Regex(false), Build(Defaults, MydumperHelp.OptionsIn(Help010)).Arguments);
    }

    [Fact]
    public void ConfiguredConnectionOutputAndFilterOptionsGiveWay()
    {
        var command = Build("--outputdir /tmp/elsewhere --threads 8 --regex '^shop' --host=db9 " + Defaults, MydumperHelp.OptionsIn(Help010));

        Assert.Equal(new[] { "--outputdir", "--threads", "--regex", "--host" }, command.Dropped.Select(dropped => dropped.Option));
        Assert.DoesNotContain(command.Arguments, argument => argument.Contains("elsewhere", StringComparison.Ordinal) || argument == "8" || argument == "^shop");
    }

    private static DumpCommand Build(string configured, IReadOnlySet<string> known) =>
        MydumperCommand.Build("/usr/bin/mydumper", known, configured, threads: 2, dumpSystemTables: false, Primary, OptionFile, Output);
}
