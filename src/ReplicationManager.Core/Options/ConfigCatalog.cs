using System.Reflection;
using ReplicationManager.Core.Options.Keys;

namespace ReplicationManager.Core.Options;

/// <summary>Every key repman reads, grouped as docs/configuration.md shows them.</summary>
public static class ConfigCatalog
{
    private static readonly (string Title, Type Keys)[] Groups =
    [
        ("Monitoring", typeof(MonitoringKeys)),
        ("API and check port", typeof(ApiKeys)),
        ("Logging", typeof(LogKeys)),
        ("Scheduler and jobs", typeof(SchedulerKeys)),
        ("Backups", typeof(BackupKeys)),
        ("SSH", typeof(SshKeys)),
        ("Switchover and failover", typeof(FailoverKeys)),
        ("HAProxy", typeof(HaproxyKeys)),
        ("ProxySQL", typeof(ProxySqlKeys)),
        ("Graphite", typeof(GraphiteKeys)),
        ("Arbitration", typeof(ArbitrationKeys)),
    ];

    private static readonly Dictionary<string, ConfigKey> ByName = BuildIndex();

    public static IReadOnlyList<ConfigKeyGroup> ByGroup { get; } =
        Groups.Select(group => new ConfigKeyGroup(group.Title, KeysOf(group.Keys))).ToList();

    public static IReadOnlyList<ConfigKey> All { get; } = ByGroup.SelectMany(group => group.Keys).ToList();

    /// <summary>The key with this name or alias.</summary>
    public static ConfigKey? Find(string name) => ByName.GetValueOrDefault(name);

    /// <summary>The known key closest to a misspelt one, if any is close enough to be a likely typo.</summary>
    public static string? Suggest(string unknown)
    {
        var candidates = ByName.Keys.Concat(RecognizedKeys.All.Keys);
        var best = candidates
            .Select(name => (Name: name, Distance: EditDistance.Between(unknown, name)))
            .OrderBy(candidate => candidate.Distance)
            .ThenBy(candidate => candidate.Name, StringComparer.Ordinal)
            .FirstOrDefault();
        return best.Name is not null && best.Distance <= Math.Max(2, unknown.Length / 4) ? best.Name : null;
    }

    private static List<ConfigKey> KeysOf(Type holder) =>
        holder.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => typeof(ConfigKey).IsAssignableFrom(field.FieldType))
            .OrderBy(field => field.MetadataToken)
            .Select(field => (ConfigKey)field.GetValue(null)!)
            .ToList();

    private static Dictionary<string, ConfigKey> BuildIndex()
    {
        var index = new Dictionary<string, ConfigKey>(StringComparer.Ordinal);
        foreach (var key in Groups.SelectMany(group => KeysOf(group.Keys)))
        {
            foreach (var name in key.Aliases.Prepend(key.Name))
            {
                if (!index.TryAdd(name, key))
                    throw new InvalidOperationException($"configuration key '{name}' is defined twice");
            }
        }
        return index;
    }
}
