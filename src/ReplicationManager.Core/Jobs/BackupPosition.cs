using System.Text.Json.Serialization;

namespace ReplicationManager.Core.Jobs;

/// <summary>
/// A point in the replication stream that a backup or a restore reports: the GTID position and, where known, the
/// binary log file and offset. Each part may be missing: tools report what they know.
/// </summary>
public sealed record BackupPosition(
    [property: JsonPropertyName("gtid")] string? Gtid,
    [property: JsonPropertyName("binlogFile")] string? BinlogFile,
    [property: JsonPropertyName("binlogPos")] long? BinlogPos)
{
    /// <summary>Who reported it, when a restore names the vendor (mariadb, mysql); null otherwise.</summary>
    [JsonPropertyName("vendor")]
    public string? Vendor { get; init; }

    [JsonIgnore]
    public bool IsEmpty => Gtid is null && BinlogFile is null && BinlogPos is null;

    /// <summary>This position with the parts it lacks taken from <paramref name="other"/>.</summary>
    public BackupPosition Merge(BackupPosition? other) => other is null
        ? this
        : new BackupPosition(Gtid ?? other.Gtid, BinlogFile ?? other.BinlogFile, BinlogPos ?? other.BinlogPos) { Vendor = Vendor ?? other.Vendor };
}
