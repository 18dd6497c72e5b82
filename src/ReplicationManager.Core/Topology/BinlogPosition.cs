namespace ReplicationManager.Core.Topology;

/// <summary>A position in a server's own binary log: a row of <c>SHOW MASTER STATUS</c>.</summary>
/// <param name="File">The current binary log file, for example <c>mariadb-bin.000003</c>.</param>
/// <param name="Position">The byte offset of the next event in that file.</param>
public sealed record BinlogPosition(string File, long Position)
{
    public override string ToString() => $"{File}:{Position}";
}
