using Microsoft.Extensions.Logging;
using ReplicationManager.Core.Options.Keys;

namespace ReplicationManager.Core.Options;

/// <summary>Log verbosity, as replication-manager's numeric levels mapped to .NET log levels.</summary>
public sealed record LoggingOptions(LogLevel Level, string File, bool SqlInMonitoring, LogLevel Topology, LogLevel Task, LogLevel Streams)
{
    internal static LoggingOptions From(ConfigSection section) => new(
        ToLogLevel(section.Get(LogKeys.Level)),
        section.Get(LogKeys.File),
        section.Get(LogKeys.SqlInMonitoring),
        ToLogLevel(section.Get(LogKeys.TopologyLevel)),
        ToLogLevel(section.Get(LogKeys.TaskLevel)),
        ToLogLevel(Math.Max(section.Get(LogKeys.SstLevel), section.Get(LogKeys.BackupStreamLevel))));

    /// <summary>0 errors, 1 warnings, 2 information, 3 debug, 4 and above trace.</summary>
    public static LogLevel ToLogLevel(int level) => level switch
    {
        <= 0 => LogLevel.Error,
        1 => LogLevel.Warning,
        2 => LogLevel.Information,
        3 => LogLevel.Debug,
        _ => LogLevel.Trace,
    };
}
