using ReplicationManager.Core.Options;

namespace ReplicationManager.Server.Hosting;

/// <summary>What the command line decided: the loaded configuration and the log level to use.</summary>
public sealed record RepmanStartup(LoadedConfiguration Configuration, LogLevel? LogLevelOverride)
{
    public RepmanOptions Options => Configuration.Options;
}
