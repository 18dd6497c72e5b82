namespace ReplicationManager.Core.Options;

/// <summary>
/// The checked values of one section after inheritance: a cluster's own keys over those of <c>[Default]</c>,
/// over the catalog defaults.
/// </summary>
public sealed class ConfigSection(string name, ConfigOrigin origin, IReadOnlyDictionary<ConfigKey, ConfigEntry> values)
{
    public string Name { get; } = name;

    /// <summary>Where the section header was written.</summary>
    public ConfigOrigin Origin { get; } = origin;

    public T Get<T>(ConfigKey<T> key) => values.TryGetValue(key, out var entry) ? (T)entry.Value! : key.Default;

    public bool IsSet(ConfigKey key) => values.ContainsKey(key);

    /// <summary>Where the value of this key was written, or <see cref="ConfigOrigin.Default"/>.</summary>
    public ConfigOrigin OriginOf(ConfigKey key) => values.TryGetValue(key, out var entry) ? entry.Origin : ConfigOrigin.Default;

    /// <summary>The keys written in the files for this section, with their values.</summary>
    public IEnumerable<KeyValuePair<ConfigKey, ConfigEntry>> WrittenValues => values;
}

/// <summary>A checked value and where it was written.</summary>
public sealed record ConfigEntry(object? Value, ConfigOrigin Origin);
