namespace ReplicationManager.Core.Backups;

/// <summary>Finds a dump tool: the configured path when there is one, else the first of the given names on PATH.</summary>
internal static class ToolLocator
{
    /// <returns>The tool's path, or null with the reason in <paramref name="missing"/>.</returns>
    public static string? Find(string configuredPath, string configKey, IReadOnlyList<string> names, out string? missing)
    {
        missing = null;
        if (configuredPath.Length > 0)
        {
            if (File.Exists(configuredPath))
                return configuredPath;
            missing = $"{configKey} = {configuredPath}: no such file";
            return null;
        }
        var directories = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        foreach (var name in names)
        {
            foreach (var directory in directories)
            {
                var candidate = Path.Combine(directory, name);
                if (File.Exists(candidate))
                    return candidate;
            }
        }
        missing = $"{configKey} is empty and none of {string.Join(", ", names)} is on PATH";
        return null;
    }
}
