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

    /// <summary>
    /// Every catalog key of <paramref name="scope"/> with the value this section runs with, its default and where the
    /// value was written; secrets are masked.
    /// </summary>
    public IReadOnlyList<EffectiveSetting> Effective(ConfigScope scope) => ConfigCatalog.All
        .Where(key => key.Scope == scope)
        .Select(key =>
        {
            var written = values.GetValueOrDefault(key);
            var value = written is null ? key.DefaultText : written.Text;
            return new EffectiveSetting(key.Name, key.IsSecret && value.Length > 0 ? EffectiveSetting.Masked : value,
                key.DefaultText, key.Kind, written?.Origin.ToString() ?? ConfigOrigin.Default.ToString(), key.Description);
        })
        .ToList();
}

/// <summary>A checked value, the text it was written as, and where.</summary>
public sealed record ConfigEntry(object? Value, ConfigOrigin Origin, string Text = "");

/// <summary>A key as the process runs with it: for <c>config show</c> and the dashboard's settings.</summary>
public sealed record EffectiveSetting(string Key, string Value, string Default, string Kind, string Origin, string Description)
{
    public const string Masked = "********";

    public bool IsDefault => Origin == ConfigOrigin.Default.ToString();
}
