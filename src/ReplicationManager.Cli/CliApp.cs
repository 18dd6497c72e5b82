using System.CommandLine;
using ReplicationManager.Cli.Commands;
using ReplicationManager.Cli.Connection;
using ReplicationManager.Cli.Output;

namespace ReplicationManager.Cli;

/// <summary>replication-manager-cli: replication-manager's everyday commands and flags, and repman's own.</summary>
public static class CliApp
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var connection = new ConnectionOptions();
        var context = new CliContext(connection, new Terminal(output, error), TokenCache.ForUser());
        var root = new RootCommand("replication-manager-cli: operate replication-manager (repman) through its REST API");
        foreach (var option in connection.All)
            root.Options.Add(option);
        foreach (var command in ClusterCommands.Build(context)
            .Concat(ActionCommands.Build(context))
            .Concat(JobCommands.Build(context))
            .Concat(RawCommands.Build(context))
            .Concat(ConfigCommands.Build(context)))
            root.Subcommands.Add(command);

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var parseError in parse.Errors)
                await error.WriteLineAsync($"error: {parseError.Message}");
            await error.WriteLineAsync("next: replication-manager-cli --help (or <command> --help)");
            return ExitCodes.Usage;
        }
        return await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancellationToken);
    }
}
