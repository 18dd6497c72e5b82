namespace ReplicationManager.Core.Backups;

/// <summary>Where replication starts from a backup: the GTID position and the binary log file and position.</summary>
/// <param name="Gtid">The GTID position (MariaDB <c>gtid_slave_pos</c> to set; MySQL executed set), or null.</param>
/// <param name="BinlogFile">The binary log file, or null.</param>
/// <param name="BinlogPosition">The position in <paramref name="BinlogFile"/>, or null.</param>
/// <param name="Of">Whose binary log the coordinates point into.</param>
internal sealed record DumpPosition(string? Gtid, string? BinlogFile, long? BinlogPosition, CoordinatesOf Of)
{
    public static DumpPosition None { get; } = new(null, null, null, CoordinatesOf.None);

    public bool IsEmpty => Gtid is null && BinlogFile is null;
}
