using ReplicationManager.Toml;

namespace ReplicationManager.Core.Options;

/// <summary>Checks every key written in a section against the catalog: known, in the right section, well typed.</summary>
internal static class SectionChecker
{
    public static Dictionary<ConfigKey, ConfigEntry> Check(RawSection section, bool isDefault, List<ConfigDiagnostic> diagnostics)
    {
        var values = new Dictionary<ConfigKey, ConfigEntry>();
        foreach (var entry in section.Entries)
        {
            var name = entry.Key.ToLowerInvariant();
            var key = ConfigCatalog.Find(name);
            if (key is null)
            {
                CheckUncataloged(name, entry, diagnostics);
                continue;
            }
            if (key.Name != name)
                diagnostics.Add(new(ConfigSeverity.Information, entry.Origin, entry.Key, $"old name of {key.Name}; read as {key.Name}"));
            if (!isDefault && key.Scope == ConfigScope.Global)
            {
                diagnostics.Add(new(ConfigSeverity.Warning, entry.Origin, entry.Key, $"read only from [Default]; ignored in [{section.Name}]"));
                continue;
            }
            if (values.TryGetValue(key, out var earlier))
            {
                diagnostics.Add(new(ConfigSeverity.Error, entry.Origin, entry.Key, $"{key.Name} is already set at {earlier.Origin}"));
                continue;
            }
            var valueAt = ValueOrigin(entry);
            if (key.TryParseBoxed(entry.Value, out var parsed, out var error))
                values[key] = new ConfigEntry(parsed, valueAt, Text(entry.Value));
            else
                diagnostics.Add(new(ConfigSeverity.Error, valueAt, key.Name, error!));
        }
        return values;
    }

    private static string Text(TomlValue value) =>
        value is TomlArray array && !array.IsArrayOfTables ? string.Join(",", array.Select(Text)) : value.ToString() ?? "";

    private static void CheckUncataloged(string name, RawEntry entry, List<ConfigDiagnostic> diagnostics)
    {
        if (RecognizedKeys.All.TryGetValue(name, out var kind))
        {
            if (KindError(kind, entry.Value) is { } error)
                diagnostics.Add(new(ConfigSeverity.Error, ValueOrigin(entry), entry.Key, error));
            else
                diagnostics.Add(new(ConfigSeverity.Information, entry.Origin, entry.Key, "a replication-manager key that this version of repman does not act on"));
            return;
        }
        // A key close to a known one is a typo of a setting the operator meant: starting without it would be silent.
        // One close to nothing may be a newer replication-manager's key, which replication-manager itself ignores.
        if (ConfigCatalog.Suggest(name) is { } suggestion)
            diagnostics.Add(new(ConfigSeverity.Error, entry.Origin, entry.Key, $"unknown key; did you mean {suggestion}? (a misspelt key is refused, not ignored)"));
        else
            diagnostics.Add(new(ConfigSeverity.Warning, entry.Origin, entry.Key, "unknown key, ignored"));
    }

    private static string? KindError(RecognizedKind kind, TomlValue value)
    {
        var error = kind switch
        {
            RecognizedKind.Boolean => ConfigValues.Bool(value, out _, out var reason) ? null : reason,
            RecognizedKind.Number => ConfigValues.Integer(long.MinValue, long.MaxValue)(value, out _, out var reason) ? null : reason,
            RecognizedKind.Text => ConfigValues.String(value, out _, out var reason) ? null : reason,
            _ => value is TomlTable or TomlArray ? $"expected a single value, got {TomlTypeName.Of(value)}" : null,
        };
        return error;
    }

    private static ConfigOrigin ValueOrigin(RawEntry entry) =>
        new(entry.Origin.File, entry.Value.Position.Line, entry.Value.Position.Column);
}
