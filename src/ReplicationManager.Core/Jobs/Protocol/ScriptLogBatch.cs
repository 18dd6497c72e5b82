namespace ReplicationManager.Core.Jobs.Protocol;

/// <summary>
/// One <c>write-log</c> call's lines, decrypted and read: which server the script says it runs on, the lines, the
/// level the script gave them (null when it gave none, as replication-manager's older script does), and the number
/// of the first line in the job's output (repman's script sends it, so that a batch sent again is taken once).
/// </summary>
public sealed record ScriptLogBatch(string Server, IReadOnlyList<string> Lines, string? Level, long? FirstLine = null);
