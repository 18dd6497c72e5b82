using System.CommandLine;
using ReplicationManager.Cli.Connection;
using ReplicationManager.Cli.Output;

namespace ReplicationManager.Cli;

/// <summary>What every command shares: the global options, the terminal, and one way to report a failure.</summary>
public sealed class CliContext(ConnectionOptions connection, Terminal terminal, TokenCache tokens)
{
    public ConnectionOptions Connection => connection;

    public Terminal Terminal => terminal;

    /// <summary>An action that talks to repman: the client is made from the global options and disposed after.</summary>
    public Func<ParseResult, CancellationToken, Task<int>> Remote(Func<ParseResult, ApiClient, CancellationToken, Task<int>> body) =>
        Local(async (parse, cancellationToken) =>
        {
            using var api = Connect(parse);
            return await body(parse, api, cancellationToken);
        });

    /// <summary>A client for the global options of this command line, with the user's token cache.</summary>
    public ApiClient Connect(ParseResult parse) => new(connection.Read(parse), tokens);

    /// <summary>An action; a <see cref="CliException"/> is printed as "error: ..." and "next: ..." and becomes its exit code.</summary>
    public Func<ParseResult, CancellationToken, Task<int>> Local(Func<ParseResult, CancellationToken, Task<int>> body) =>
        async (parse, cancellationToken) =>
        {
            try
            {
                return await body(parse, cancellationToken);
            }
            catch (CliException ex)
            {
                await terminal.Error.WriteLineAsync($"error: {ex.Message}");
                if (ex.Next is { } next)
                    await terminal.Error.WriteLineAsync($"next: {next}");
                return ex.ExitCode;
            }
        };
}
