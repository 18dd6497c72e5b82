using ReplicationManager.Core.Options;

namespace ReplicationManager.Server.Hosting;

/// <summary>Tells the operator, once at start, which files were read and what in them deserves a look.</summary>
internal sealed partial class ConfigurationReportService(LoadedConfiguration configuration, ILogger<ConfigurationReportService> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        LogFiles(logger, string.Join(", ", configuration.Files), configuration.Options.Clusters.Count);
        foreach (var finding in configuration.Diagnostics)
        {
            if (finding.Severity == ConfigSeverity.Warning)
                LogWarning(logger, finding.ToString());
            else
                LogInformation(logger, finding.ToString());
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(1, LogLevel.Information, "Configuration read from {Files}: {ClusterCount} cluster(s)")]
    private static partial void LogFiles(ILogger logger, string files, int clusterCount);

    [LoggerMessage(2, LogLevel.Warning, "Configuration: {Finding}")]
    private static partial void LogWarning(ILogger logger, string finding);

    [LoggerMessage(3, LogLevel.Debug, "Configuration: {Finding}")]
    private static partial void LogInformation(ILogger logger, string finding);
}
