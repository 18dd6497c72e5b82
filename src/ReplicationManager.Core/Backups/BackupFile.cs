namespace ReplicationManager.Core.Backups;

/// <summary>One file of a directory backup: its path inside the directory, size and SHA-256 (hex).</summary>
public sealed record BackupFile(string Name, long Size, string Sha256);
