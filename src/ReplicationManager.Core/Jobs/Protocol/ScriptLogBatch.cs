namespace ReplicationManager.Core.Jobs.Protocol;

/// <summary>
/// One <c>write-log</c> call's lines, decrypted and read: which server the script says it runs on, the lines, and
/// the level the script gave them (null when it gave none, as replication-manager's older script does).
/// </summary>
public sealed record ScriptLogBatch(string Server, IReadOnlyList<string> Lines, string? Level);
