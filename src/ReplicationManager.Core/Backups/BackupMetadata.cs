namespace ReplicationManager.Core.Backups;

/// <summary>
/// What is known of one logical backup, written beside it as <c>{id}.meta.json</c>: where it came from, when, its
/// size and SHA-256, the coordinates to start replication from, and the options used (never a secret).
/// </summary>
/// <param name="Id">The backup's id, <c>{tool}_{yyyyMMddTHHmmssZ}</c>.</param>
/// <param name="Tool">mysqldump or mydumper.</param>
/// <param name="ToolVersion">The first line of the tool's <c>--version</c>.</param>
/// <param name="Source">The backed-up server, <c>host:port</c>.</param>
/// <param name="ServerVersion">The backed-up server's version text.</param>
/// <param name="Role">primary, replica or standalone, when the backup started.</param>
/// <param name="Start">When the dump started.</param>
/// <param name="End">When the dump ended.</param>
/// <param name="Artifact">The backup's file (mysqldump) or directory (mydumper) name, beside this metadata.</param>
/// <param name="Size">Bytes on disk: the compressed file, or the sum of the directory's files.</param>
/// <param name="Sha256">SHA-256 (hex) of the file; for a directory, of its <see cref="Files"/> manifest (<c>sha256sum</c> lines sorted by name).</param>
/// <param name="Compressed">The data is gzip-compressed.</param>
/// <param name="Gtid">The GTID position to start replication from, or null.</param>
/// <param name="BinlogFile">The binary log file to start replication from, or null.</param>
/// <param name="BinlogPos">The position in <paramref name="BinlogFile"/>, or null.</param>
/// <param name="CoordinatesOf">Whose binary log the coordinates point into.</param>
/// <param name="Options">The tool's arguments as run; the credential was in an option file, never here.</param>
/// <param name="DroppedOptions">Configured options not passed, and why.</param>
/// <param name="Notes">Decisions about this backup worth knowing.</param>
/// <param name="Files">For a directory backup, each file with its size and SHA-256; null for a single file.</param>
public sealed record BackupMetadata(
    string Id,
    string Tool,
    string ToolVersion,
    string Source,
    string ServerVersion,
    string Role,
    DateTimeOffset Start,
    DateTimeOffset End,
    string Artifact,
    long Size,
    string Sha256,
    bool Compressed,
    string? Gtid,
    string? BinlogFile,
    long? BinlogPos,
    CoordinatesOf CoordinatesOf,
    IReadOnlyList<string> Options,
    IReadOnlyList<DroppedOption> DroppedOptions,
    IReadOnlyList<string> Notes,
    IReadOnlyList<BackupFile>? Files);
