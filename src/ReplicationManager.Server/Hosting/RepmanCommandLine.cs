using System.CommandLine;
using ReplicationManager.Core.Options;

namespace ReplicationManager.Server.Hosting;

/// <summary>
/// replication-manager's command line: <c>--config PATH</c>, <c>--cluster a,b</c>, <c>--log-level N</c>.
/// A configuration error prints every finding with file, line and key, and exits 2; a data directory repman cannot
/// write exits 3 with the reason.
/// </summary>
public static class RepmanCommandLine
{
    public static async Task<int> RunAsync(string[] args, Func<RepmanStartup, CancellationToken, Task> run)
    {
        var config = new Option<string?>("--config") { Description = "Configuration file (default: /etc/replication-manager/config.toml, then ./etc/config.toml)" };
        var clusters = new Option<string?>("--cluster") { Description = "Monitor only these clusters, separated by commas" };
        var logLevel = new Option<int?>("--log-level") { Description = "0 errors, 1 warnings, 2 information, 3 debug, 4 trace" };
        var root = new RootCommand("replication-manager: replication monitoring, proxies and maintenance for MariaDB and MySQL")
        {
            config, clusters, logLevel,
        };
        root.SetAction(async (parse, cancellationToken) =>
        {
            LoadedConfiguration loaded;
            try
            {
                var wanted = parse.GetValue(clusters)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                loaded = ConfigurationLoader.Load(parse.GetValue(config), wanted);
            }
            catch (ConfigurationException ex)
            {
                await Console.Error.WriteLineAsync(ex.Message);
                return 2;
            }
            if (DataDirectoryCheck.WhyNotWritable(loaded.Options.Global.Datadir) is { } unwritable)
            {
                await Console.Error.WriteLineAsync($"repman cannot start: {unwritable}");
                return 3;
            }
            if (loaded.Options.Global.Logging.File is { Length: > 0 } logFile && FileLoggerProvider.WhyNotWritable(logFile) is { } unwritableLog)
            {
                await Console.Error.WriteLineAsync($"repman cannot start: {unwritableLog}");
                return 3;
            }
            var level = parse.GetValue(logLevel) is { } number ? LoggingOptions.ToLogLevel(number) : (LogLevel?)null;
            await run(new RepmanStartup(loaded, level), cancellationToken);
            return 0;
        });
        return await root.Parse(args).InvokeAsync();
    }
}
