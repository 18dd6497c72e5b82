using System.Text.Json;

namespace ReplicationManager.Cli.Connection;

/// <summary>
/// The API tokens of earlier logins, per user and repman, in the user's configuration directory
/// (<c>$XDG_CONFIG_HOME/replication-manager/tokens.json</c>), readable by the user only (0600 in a 0700 folder).
/// </summary>
public sealed class TokenCache(string path)
{
    public const string Variable = "REPLICATION_MANAGER_CLI_TOKENS";

    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public string Path { get; } = path;

    public static TokenCache ForUser()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } overridden)
            return new TokenCache(overridden);
        var config = Environment.GetEnvironmentVariable("XDG_CONFIG_HOME") is { Length: > 0 } xdg
            ? xdg
            : System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config");
        return new TokenCache(System.IO.Path.Combine(config, "replication-manager", "tokens.json"));
    }

    public string? Find(string key) => Load().GetValueOrDefault(key);

    public void Save(string key, string? token)
    {
        var tokens = Load();
        if (token is null)
            tokens.Remove(key);
        else
            tokens[key] = token;
        var directory = System.IO.Path.GetDirectoryName(Path)!;
        var temporary = Path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (OperatingSystem.IsWindows())
            Directory.CreateDirectory(directory);
        else
        {
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            options.UnixCreateMode = OwnerOnly;
        }
        using (var file = new FileStream(temporary, options))
            JsonSerializer.Serialize(file, tokens);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(temporary, OwnerOnly);
        File.Move(temporary, Path, overwrite: true);
    }

    private Dictionary<string, string> Load()
    {
        try
        {
            return File.Exists(Path) ? JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(Path)) ?? [] : [];
        }
        catch (JsonException)
        {
            // A damaged cache only costs a login.
            return [];
        }
    }
}
