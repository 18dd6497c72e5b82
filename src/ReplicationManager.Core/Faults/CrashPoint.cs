using System.Diagnostics;

namespace ReplicationManager.Core.Faults;

/// <summary>
/// Named places in a job's life where a fault test kills repman exactly as <c>kill -9</c> would (SIGKILL from the
/// process to itself: no shutdown code, no flush), to prove what a crash there leaves behind. Inert unless the
/// environment variable <c>REPMAN_CRASH_AT</c> names the point as <c>task:step</c> (say <c>mysqldump:before-rename</c>);
/// without it a point costs one comparison with null.
/// </summary>
public static class CrashPoint
{
    public const string Variable = "REPMAN_CRASH_AT";

    /// <summary>Before the job's row is written (jobs table, or API mode's board).</summary>
    public const string BeforeRow = "before-row";

    /// <summary>The row written, the history not yet.</summary>
    public const string AfterRow = "after-row";

    /// <summary>Bytes of the backup or stream written to its hidden partial file, more to come.</summary>
    public const string MidStream = "mid-stream";

    /// <summary>Complete under its hidden name, not yet renamed into place.</summary>
    public const string BeforeRename = "before-rename";

    /// <summary>Renamed into place (a backup: artifact and metadata), the job not yet ended.</summary>
    public const string AfterRename = "after-rename";

    /// <summary>In the step after the transfer: retention of a logical backup, the check of a physical one.</summary>
    public const string PostJob = "post-job";

    private static readonly string? Armed = Environment.GetEnvironmentVariable(Variable);

    public static void Reach(string task, string step)
    {
        if (Armed is null || Armed != $"{task}:{step}")
            return;
        Console.Error.WriteLine($"{Variable}={Armed}: killing repman here (SIGKILL)");
        using var self = Process.GetCurrentProcess();
        self.Kill();
    }
}
