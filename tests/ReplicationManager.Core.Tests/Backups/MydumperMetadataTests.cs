using ReplicationManager.Core.Backups;

namespace ReplicationManager.Core.Tests.Backups;

public sealed class MydumperMetadataTests
{
    // mydumper 0.10.0 against the lab primary (tabs as mydumper writes them).
    private const string OldPrimary = "Started dump at: 2026-11-22 05:11:12\nSHOW MASTER STATUS:\n\tLog: binlog.000002\n\tPos: 390161017\n\tGTID:0-11-343\n\nFinished dump at: 2026-11-22 05:11:12\n";

    private const string OldReplica = "Started dump at: 2026-11-22 05:11:12\nSHOW MASTER STATUS:\n\tLog: binlog.000001\n\tPos: 4242\n\tGTID:0-11-343\n\nSHOW SLAVE STATUS:\n\tHost: 127.0.0.11\n\tLog: binlog.000002\n\tPos: 390161017\n\tGTID:0-11-343\n\nFinished dump at: 2026-11-22 05:11:13\n";

    [Fact]
    public void ReadsTheOldFormatOfAPrimary()
    {
        var metadata = MydumperMetadata.Parse(OldPrimary);

        Assert.True(metadata.Finished);
        Assert.Equal(new DumpPosition("0-11-343", "binlog.000002", 390161017, CoordinatesOf.Server), metadata.Server);
        Assert.True(metadata.Source.IsEmpty);
        Assert.Equal(metadata.Server, metadata.For(isReplica: false));
    }

    [Fact]
    public void ReadsTheOldFormatOfAReplica()
    {
        var metadata = MydumperMetadata.Parse(OldReplica);

        Assert.Equal(new DumpPosition("0-11-343", "binlog.000001", 4242, CoordinatesOf.Server), metadata.Server);
        Assert.Equal(new DumpPosition("0-11-343", "binlog.000002", 390161017, CoordinatesOf.Source), metadata.Source);
        Assert.Equal(metadata.Source, metadata.For(isReplica: true));
    }

    [Fact]
    public void AnOldFormatWithoutItsFinishedLineIsIncomplete()
    {
        var metadata = MydumperMetadata.Parse(OldPrimary[..OldPrimary.IndexOf("Finished", StringComparison.Ordinal)]);

        Assert.False(metadata.Finished);
        Assert.Equal("binlog.000002", metadata.Server.BinlogFile);
    }

    [Fact]
    public void ReadsAMySqlGtidSetSpreadOverLines()
    {
        var metadata = MydumperMetadata.Parse(
            "SHOW MASTER STATUS:\n\tLog: binlog.000003\n\tPos: 157\n\tGTID:3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5,\n8a94f357-aab4-11df-86ab-c80aa9429562:1-3\n\nFinished dump at: 2026-11-22 05:11:12\n");

        Assert.Equal("3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5,8a94f357-aab4-11df-86ab-c80aa9429562:1-3", metadata.Server.Gtid);
        Assert.Equal(157, metadata.Server.BinlogPosition);
    }

    [Fact]
    public void ReadsTheNewFormat()
    {
        var metadata = MydumperMetadata.Parse("""
            [config]
            quote-character = BACKTICK

            [master]
            # Channel_Name = '' # It can be use to setup replication FOR CHANNEL
            File = binlog.000002
            Position = 390161017
            Executed_Gtid_Set = 0-11-343

            [replication]
            # Channel_Name = ''
            SOURCE_HOST = "127.0.0.11"
            SOURCE_PORT = 3306
            executed_gtid_set = "0-11-340"
            SOURCE_LOG_FILE = "binlog.000001"
            SOURCE_LOG_POS = 4
            myloader_exec_reset_replica = 0

            [`shop`.`orders`]
            real_table_name=orders
            """);

        Assert.True(metadata.Finished);
        Assert.Equal(new DumpPosition("0-11-343", "binlog.000002", 390161017, CoordinatesOf.Server), metadata.Server);
        Assert.Equal(new DumpPosition("0-11-340", "binlog.000001", 4, CoordinatesOf.Source), metadata.Source);
    }

    [Fact]
    public void ReadsTheNewFormatWithASourceSection()
    {
        var metadata = MydumperMetadata.Parse("[source]\n# Channel_Name = ''\nFile = binlog.000009\nPosition = 77\nExecuted_Gtid_Set = 0-1-9\n\n");

        Assert.Equal(new DumpPosition("0-1-9", "binlog.000009", 77, CoordinatesOf.Server), metadata.Server);
        Assert.True(metadata.Source.IsEmpty);
    }

    [Fact]
    public void AMetadataWithoutCoordinatesHasNone()
    {
        var metadata = MydumperMetadata.Parse("Started dump at: 2026-11-22 05:11:12\nFinished dump at: 2026-11-22 05:11:12\n");

        Assert.True(metadata.Finished);
        Assert.Equal(DumpPosition.None, metadata.For(isReplica: true));
    }
}
