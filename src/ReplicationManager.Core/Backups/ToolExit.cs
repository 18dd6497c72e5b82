namespace ReplicationManager.Core.Backups;

/// <summary>How a tool run ended: its exit code, or why it could not start; and the tail of its error output.</summary>
internal sealed record ToolExit(int? ExitCode, string? NotStartedBecause, OutputTail Errors)
{
    public bool Started => NotStartedBecause is null;

    public bool Succeeded => ExitCode == 0;
}
