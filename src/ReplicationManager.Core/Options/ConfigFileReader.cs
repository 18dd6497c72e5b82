using ReplicationManager.Toml;

namespace ReplicationManager.Core.Options;

/// <summary>
/// Reads configuration files into raw sections: <c>[Default]</c>, one section per cluster, and the files of
/// the <c>include</c> directory. Values are not checked here, only gathered with their places.
/// </summary>
internal sealed class ConfigFileReader(List<ConfigDiagnostic> diagnostics)
{
    public const string DefaultSection = "Default";

    private readonly Dictionary<string, RawSection> _sections = new(StringComparer.Ordinal);

    public List<string> Files { get; } = [];

    public IReadOnlyList<RawSection> Sections => _sections.Values.ToList();

    public void ReadFile(string path)
    {
        var fullPath = Path.GetFullPath(path);
        if (Files.Contains(fullPath))
            return;
        Files.Add(fullPath);
        TomlTable document;
        try
        {
            document = TomlReader.ParseFile(fullPath);
        }
        catch (TomlException ex)
        {
            diagnostics.Add(new(ConfigSeverity.Error, new ConfigOrigin(fullPath, ex.Line, ex.Column), null, ex.Reason));
            return;
        }
        catch (IOException ex)
        {
            diagnostics.Add(new(ConfigSeverity.Error, new ConfigOrigin(fullPath, 0, 0), null, $"cannot read the file: {ex.Message}"));
            return;
        }
        foreach (var (name, value) in document)
        {
            var keyAt = At(fullPath, document.GetKeyPosition(name));
            if (value is TomlTable { IsInline: false } table)
                ReadSection(fullPath, name, keyAt, table);
            else
            {
                diagnostics.Add(new(ConfigSeverity.Warning, keyAt, name, "written outside any section; read as part of [Default]"));
                Section(DefaultSection, keyAt).Entries.Add(new RawEntry(name, value, keyAt));
            }
        }
    }

    /// <summary>Reads the include directory (or file) named by <c>include</c> in [Default], relative to the first file.</summary>
    public void ReadIncludes()
    {
        if (!_sections.TryGetValue(DefaultSection, out var defaults))
            return;
        foreach (var include in defaults.Entries.Where(entry => entry.Key == "include").ToList())
        {
            // replication-manager's default is "": no include (not the folder of the file itself).
            if (include.Value is not TomlString { Value: { Length: > 0 } target })
                continue;
            var path = Path.IsPathRooted(target) ? target : Path.Combine(Path.GetDirectoryName(Files[0])!, target);
            if (Directory.Exists(path))
            {
                foreach (var file in Directory.GetFiles(path, "*.toml").Order(StringComparer.Ordinal))
                    ReadFile(file);
            }
            else if (File.Exists(path))
                ReadFile(path);
            else
                // replication-manager warns and starts without it: so does repman.
                diagnostics.Add(new(ConfigSeverity.Warning, include.Origin, "include", $"'{path}' does not exist; nothing is included from it"));
        }
    }

    private void ReadSection(string file, string name, ConfigOrigin headerAt, TomlTable table)
    {
        if (name.StartsWith("saved-", StringComparison.Ordinal))
        {
            diagnostics.Add(new(ConfigSeverity.Information, headerAt, null, $"section [{name}] holds replication-manager's saved settings; repman does not read it"));
            return;
        }
        var canonical = string.Equals(name, DefaultSection, StringComparison.OrdinalIgnoreCase) ? DefaultSection : name;
        if (canonical != DefaultSection && _sections.TryGetValue(canonical, out var existing))
        {
            diagnostics.Add(new(ConfigSeverity.Error, headerAt, null, $"cluster section [{name}] is also defined at {existing.Origin}"));
            return;
        }
        var section = Section(canonical, headerAt);
        foreach (var (key, value) in table)
        {
            var keyAt = At(file, table.GetKeyPosition(key));
            if (value is TomlTable)
            {
                // A table under a key's own name is that key with a wrong type, not a section to skip.
                if (ConfigCatalog.Find(key) is { } known)
                    diagnostics.Add(new(ConfigSeverity.Error, keyAt, key, $"expected a {known.Kind}, got {TomlTypeName.Of(value)}"));
                else if (RecognizedKeys.All.ContainsKey(key))
                    diagnostics.Add(new(ConfigSeverity.Error, keyAt, key, $"expected a single value, got {TomlTypeName.Of(value)}"));
                else
                    diagnostics.Add(new(ConfigSeverity.Warning, keyAt, key, $"sub-table [{name}.{key}] is not read by repman; keys go directly in [{name}]"));
                continue;
            }
            if (section.Entries.FirstOrDefault(entry => entry.Key == key) is { } first)
            {
                diagnostics.Add(new(ConfigSeverity.Error, keyAt, key, $"set again in [{canonical}]; first set at {first.Origin}"));
                continue;
            }
            section.Entries.Add(new RawEntry(key, value, keyAt));
        }
    }

    private RawSection Section(string name, ConfigOrigin origin)
    {
        if (!_sections.TryGetValue(name, out var section))
            _sections[name] = section = new RawSection(name, origin);
        return section;
    }

    private static ConfigOrigin At(string file, TomlPosition position) => new(file, position.Line, position.Column);
}

/// <summary>The keys written in one section, unchecked, in file order.</summary>
internal sealed record RawSection(string Name, ConfigOrigin Origin)
{
    public List<RawEntry> Entries { get; } = [];
}

/// <summary>One key as written: its name, TOML value and place.</summary>
internal sealed record RawEntry(string Key, TomlValue Value, ConfigOrigin Origin);
