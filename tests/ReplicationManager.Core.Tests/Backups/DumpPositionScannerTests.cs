using System.Text;
using ReplicationManager.Core.Backups;

namespace ReplicationManager.Core.Tests.Backups;

public sealed class DumpPositionScannerTests
{
    // The head and tail of a mariadb-dump 10.11 run with --master-data=2 --gtid against the lab primary.
    private const string PrimaryDump = """
        /*M!999999\- enable the sandbox mode */
        -- MariaDB dump 10.19  Distrib 10.11.19-MariaDB, for debian-linux-gnu (x86_64)
        --
        -- Host: 127.0.0.11    Database:
        -- ------------------------------------------------------
        -- Server version	10.11.19-MariaDB-0+deb12u1-log

        -- CHANGE MASTER TO MASTER_USE_GTID=slave_pos;

        -- A corresponding to the above master-data CHANGE-MASTER settings to the slave gtid state is printed later in the file.

        --
        -- Alternately, following is the position of the binary logging from SHOW MASTER STATUS at point of backup.
        --

        -- CHANGE MASTER TO MASTER_LOG_FILE='binlog.000002', MASTER_LOG_POS=390161017;

        --
        -- Current Database: `shop`
        --

        CREATE DATABASE /*!32312 IF NOT EXISTS*/ `shop` /*!40100 DEFAULT CHARACTER SET utf8mb4 */;
        INSERT INTO `orders` VALUES (1,'-- CHANGE MASTER TO MASTER_LOG_FILE=''fake.000009'', MASTER_LOG_POS=1;');

        --
        -- GTID to start replication from
        --

        -- SET GLOBAL gtid_slave_pos='0-11-343';
        /*!40111 SET SQL_NOTES=@OLD_SQL_NOTES */;

        -- Dump completed on 2026-11-22  5:11:49

        """;

    // --dump-slave=2 against a replica names the (default) connection.
    private const string ReplicaDump = """
        -- CHANGE MASTER '' TO MASTER_USE_GTID=slave_pos;
        -- CHANGE MASTER '' TO MASTER_LOG_FILE='binlog.000002', MASTER_LOG_POS=390161017;
        -- SET GLOBAL gtid_slave_pos='0-11-343,1-12-7';
        -- Dump completed on 2026-11-22  5:12:01
        """;

    [Fact]
    public void ReadsTheCoordinatesOfAPrimaryDump()
    {
        var scanner = Scan(PrimaryDump);

        Assert.Equal(new DumpPosition("0-11-343", "binlog.000002", 390161017, CoordinatesOf.Server), scanner.Position);
        Assert.True(scanner.EndsWithCompletion);
    }

    [Fact]
    public void ReadsTheSourceCoordinatesOfAReplicaDump()
    {
        var scanner = Scan(ReplicaDump, CoordinatesOf.Source);

        Assert.Equal(new DumpPosition("0-11-343,1-12-7", "binlog.000002", 390161017, CoordinatesOf.Source), scanner.Position);
        Assert.True(scanner.EndsWithCompletion);
    }

    [Fact]
    public void ReadsMySqlReplicationSourceSyntax()
    {
        var scanner = Scan("""
            SET @@GLOBAL.GTID_PURGED=/*!80000 '+'*/ '3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5';
            -- CHANGE REPLICATION SOURCE TO SOURCE_LOG_FILE='binlog.000003', SOURCE_LOG_POS=157;
            -- Dump completed on 2026-11-22 05:13:00
            """);

        Assert.Equal(new DumpPosition("3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5", "binlog.000003", 157, CoordinatesOf.Server), scanner.Position);
    }

    [Fact]
    public void GivesTheSameAnswerHoweverTheStreamIsCut()
    {
        var bytes = Encoding.UTF8.GetBytes(PrimaryDump.ReplaceLineEndings("\r\n"));
        for (var cut = 1; cut < bytes.Length; cut += 7)
        {
            var scanner = new DumpPositionScanner();
            scanner.Feed(bytes.AsSpan(0, cut));
            scanner.Feed(bytes.AsSpan(cut));
            scanner.Complete();

            Assert.Equal(new DumpPosition("0-11-343", "binlog.000002", 390161017, CoordinatesOf.Server), scanner.Position);
            Assert.True(scanner.EndsWithCompletion, $"cut at {cut}");
        }
    }

    [Fact]
    public void ByteByByteFeedingWorks()
    {
        var scanner = new DumpPositionScanner();
        foreach (var b in Encoding.UTF8.GetBytes(PrimaryDump))
            scanner.Feed([b]);
        scanner.Complete();

        Assert.Equal("binlog.000002", scanner.Position.BinlogFile);
        Assert.True(scanner.EndsWithCompletion);
    }

    [Fact]
    public void ADumpCutShortIsNotComplete()
    {
        var cut = PrimaryDump[..PrimaryDump.IndexOf("-- GTID to start", StringComparison.Ordinal)];

        var scanner = Scan(cut);

        Assert.False(scanner.EndsWithCompletion);
        Assert.Null(scanner.Position.Gtid);
        Assert.Equal("binlog.000002", scanner.Position.BinlogFile);
    }

    [Fact]
    public void TheCompletionLineMustBeTheLastLine()
    {
        var scanner = Scan(ReplicaDump + "\nINSERT INTO `t` VALUES (1);\n");

        Assert.False(scanner.EndsWithCompletion);
    }

    [Fact]
    public void LongDataLinesAreSkippedWithoutBeingRead()
    {
        var longLine = "INSERT INTO `t` VALUES ('" + new string('x', 100_000) + "');";
        var scanner = Scan($"-- CHANGE MASTER TO MASTER_LOG_FILE='b.000001', MASTER_LOG_POS=4;\n{longLine}\n-- Dump completed on 2026-11-22\n{longLine}");

        Assert.Equal("b.000001", scanner.Position.BinlogFile);
        Assert.False(scanner.EndsWithCompletion);
    }

    [Fact]
    public void ADumpWithoutCoordinatesHasNone()
    {
        var scanner = Scan("CREATE TABLE `t` (id INT);\n-- Dump completed on 2026-11-22\n");

        Assert.True(scanner.Position.IsEmpty);
        Assert.Equal(DumpPosition.None, scanner.Position);
        Assert.True(scanner.EndsWithCompletion);
    }

    private static DumpPositionScanner Scan(string text, CoordinatesOf of = CoordinatesOf.Server)
    {
        var scanner = new DumpPositionScanner { Of = of };
        scanner.Feed(Encoding.UTF8.GetBytes(text));
        scanner.Complete();
        return scanner;
    }
}
