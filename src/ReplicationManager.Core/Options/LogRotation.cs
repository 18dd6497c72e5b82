using ReplicationManager.Core.Options.Keys;

namespace ReplicationManager.Core.Options;

/// <summary>
/// How repman's log files are kept (log-rotate-max-size, -max-backup, -max-age, as replication-manager's): a file that
/// would pass <see cref="MaxBytes"/> is renamed with the time of its rotation, and of the rotated files the newest
/// <see cref="MaxBackups"/> younger than <see cref="MaxAge"/> are kept.
/// </summary>
/// <param name="MaxBackups">0 keeps every rotated file (within <see cref="MaxAge"/>).</param>
/// <param name="MaxAge">Zero keeps rotated files regardless of their age.</param>
public sealed record LogRotation(long MaxBytes, int MaxBackups, TimeSpan MaxAge)
{
    /// <summary>The size a <c>log-rotate-max-size</c> of 0 stands for, as in replication-manager's rotating writer.</summary>
    public const int DefaultMegabytes = 100;

    internal static LogRotation From(ConfigSection section) => new(
        (section.Get(LogKeys.RotateMaxSize) is var megabytes and > 0 ? megabytes : DefaultMegabytes) * 1024L * 1024L,
        section.Get(LogKeys.RotateMaxBackup),
        TimeSpan.FromDays(section.Get(LogKeys.RotateMaxAge)));
}
