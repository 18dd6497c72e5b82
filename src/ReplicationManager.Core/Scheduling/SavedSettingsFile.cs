using System.Text;
using ReplicationManager.Toml;

namespace ReplicationManager.Core.Scheduling;

/// <summary>
/// Keeps run-time schedule changes where replication-manager keeps its saved settings:
/// <c>{datadir}/{cluster}/{cluster}.toml</c>, section <c>[saved-{cluster}]</c>. Written atomically (temp file + rename).
/// </summary>
public sealed class SavedSettingsFile(string datadir) : ISchedulerSettingsStore
{
    private readonly object _gate = new();

    public IReadOnlyDictionary<string, string> Load(string cluster)
    {
        lock (_gate)
            return Read(cluster);
    }

    public void Save(string cluster, string key, string value)
    {
        lock (_gate)
        {
            var settings = Read(cluster);
            settings[key] = value;
            Write(cluster, settings);
        }
    }

    private string PathOf(string cluster) => Path.Combine(datadir, cluster, cluster + ".toml");

    private Dictionary<string, string> Read(string cluster)
    {
        var path = PathOf(cluster);
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!File.Exists(path))
            return settings;
        var document = TomlReader.ParseFile(path);
        if (document.TryGetValue("saved-" + cluster, out var section) && section is TomlTable table)
        {
            foreach (var (key, value) in table)
            {
                settings[key] = value switch
                {
                    TomlBoolean boolean => boolean.Value ? "true" : "false",
                    TomlString text => text.Value,
                    _ => value.ToString() ?? "",
                };
            }
        }
        return settings;
    }

    private void Write(string cluster, Dictionary<string, string> settings)
    {
        var path = PathOf(cluster);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var text = new StringBuilder();
        text.AppendLine("# Settings changed at run time through the API; they override the configuration files at start.");
        text.AppendLine($"[\"saved-{Escape(cluster)}\"]");
        foreach (var (key, value) in settings.OrderBy(pair => pair.Key, StringComparer.Ordinal))
            text.AppendLine(value is "true" or "false" ? $"{key} = {value}" : $"{key} = \"{Escape(value)}\"");
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, text.ToString());
        File.Move(temporary, path, overwrite: true);
    }

    private static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
}
