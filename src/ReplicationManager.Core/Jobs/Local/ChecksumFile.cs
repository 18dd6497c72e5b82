namespace ReplicationManager.Core.Jobs.Local;

/// <summary>
/// <c>checksums.json</c> in the server's folder: the <c>CHECKSUM TABLE … EXTENDED</c> value of each user table and
/// when it was taken, for comparing servers or spotting change between runs.
/// </summary>
public sealed record ChecksumFile(string Server, DateTimeOffset Taken, IReadOnlyDictionary<string, TableChecksum> Tables);

/// <summary>One table's checksum and when it was computed.</summary>
public sealed record TableChecksum(long Checksum, DateTimeOffset At);
