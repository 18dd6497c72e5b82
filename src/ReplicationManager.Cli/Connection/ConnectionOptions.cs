using System.CommandLine;

namespace ReplicationManager.Cli.Connection;

/// <summary>
/// replication-manager-cli's global options, with replication-manager's names and defaults, except
/// <c>--insecure</c>: the certificate is checked unless asked not to (replication-manager never checks it).
/// </summary>
public sealed class ConnectionOptions
{
    public const string PasswordVariable = "REPLICATION_MANAGER_PASSWORD";

    public Option<string> Host { get; } = new("--host") { Description = "Host of replication-manager", DefaultValueFactory = _ => "127.0.0.1", Recursive = true };

    public Option<int> Port { get; } = new("--port") { Description = "HTTPS port of replication-manager (api-port)", DefaultValueFactory = _ => 10005, Recursive = true };

    public Option<string> User { get; } = new("--user") { Description = "API user", DefaultValueFactory = _ => "admin", Recursive = true };

    public Option<string?> Password { get; } = new("--password")
    {
        Description = $"API password (default: ${PasswordVariable}, else replication-manager's default 'repman'); only needed when no cached token is valid",
        Recursive = true,
    };

    public Option<string?> Cluster { get; } = new("--cluster") { Description = "Cluster to act on (needed when repman monitors several)", Recursive = true };

    public Option<string?> Cert { get; } = new("--cert") { Description = "Certificate (PEM) to trust for repman's HTTPS port, e.g. <monitoring-datadir>/api-selfsigned-cert.pem", Recursive = true };

    public Option<bool> Insecure { get; } = new("--insecure") { Description = "Do not check repman's certificate", Recursive = true };

    public Option<bool> Json { get; } = new("--json") { Description = "Print the API's JSON instead of tables (for scripts)", Recursive = true };

    public IEnumerable<Option> All => [Host, Port, User, Password, Cluster, Cert, Insecure, Json];

    public Endpoint Read(ParseResult parse) => new(
        parse.GetValue(Host)!,
        parse.GetValue(Port),
        parse.GetValue(User)!,
        parse.GetValue(Password) ?? Environment.GetEnvironmentVariable(PasswordVariable),
        parse.GetValue(Cluster),
        parse.GetValue(Cert),
        parse.GetValue(Insecure),
        parse.GetValue(Json));
}

/// <summary>Where and as whom the CLI talks to repman, as the command line asked.</summary>
public sealed record Endpoint(string Host, int Port, string User, string? Password, string? Cluster, string? Cert, bool Insecure, bool Json)
{
    public const string DefaultPassword = "repman";

    public Uri BaseAddress => new($"https://{(Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]" : Host)}:{Port}/");

    public string Key => $"{User}@{Host}:{Port}";
}
