namespace ReplicationManager.Core.Backups;

/// <summary>A dump tool's command line, built without a shell, with what repman left out of the configured options and why.</summary>
/// <param name="Executable">The tool.</param>
/// <param name="Arguments">Every argument; none holds a password.</param>
/// <param name="Dropped">Configured options not passed.</param>
/// <param name="Notes">Decisions worth telling the operator (for example "binary log off: no coordinates recorded").</param>
internal sealed record DumpCommand(string Executable, IReadOnlyList<string> Arguments, IReadOnlyList<DroppedOption> Dropped, IReadOnlyList<string> Notes);
