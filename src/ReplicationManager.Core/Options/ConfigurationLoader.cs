namespace ReplicationManager.Core.Options;

/// <summary>
/// Reads replication-manager's TOML configuration into checked options: <c>[Default]</c> plus one section per
/// cluster, each inheriting <c>[Default]</c>; with no cluster section, <c>[Default]</c> is the one cluster.
/// Every error is collected before the start is stopped, each with file, line and key.
/// </summary>
public static class ConfigurationLoader
{
    public static IReadOnlyList<string> SearchPaths { get; } = ["/etc/replication-manager/config.toml", "etc/config.toml"];

    /// <param name="path">The --config file; the first of <see cref="SearchPaths"/> that exists when null.</param>
    /// <param name="clusters">The --cluster filter; every cluster when null or empty.</param>
    public static LoadedConfiguration Load(string? path, IReadOnlyCollection<string>? clusters = null)
    {
        var file = path ?? SearchPaths.FirstOrDefault(File.Exists)
            ?? throw new ConfigurationException($"no configuration file: give --config PATH or create one of {string.Join(", ", SearchPaths)}");
        if (!File.Exists(file))
            throw new ConfigurationException($"configuration file '{file}' does not exist");

        var diagnostics = new List<ConfigDiagnostic>();
        var reader = new ConfigFileReader(diagnostics);
        reader.ReadFile(file);
        reader.ReadIncludes();
        ThrowOnErrors(diagnostics);

        var defaults = reader.Sections.FirstOrDefault(section => section.Name == ConfigFileReader.DefaultSection)
            ?? new RawSection(ConfigFileReader.DefaultSection, new ConfigOrigin(reader.Files[0], 1, 1));
        var defaultValues = SectionChecker.Check(defaults, isDefault: true, diagnostics);
        var global = new ConfigSection(defaults.Name, defaults.Origin, defaultValues);

        var clusterSections = Select(reader.Sections.Where(section => section != defaults).ToList(), defaults, clusters, diagnostics);
        var resolved = clusterSections
            .Select(section => Resolve(section, section == defaults ? [] : SectionChecker.Check(section, isDefault: false, diagnostics), defaultValues))
            .ToList();

        diagnostics.AddRange(OptionsValidator.Validate(global, resolved));
        ThrowOnErrors(diagnostics);
        return new LoadedConfiguration(RepmanOptions.From(global, resolved), diagnostics, reader.Files);
    }

    private static List<RawSection> Select(List<RawSection> sections, RawSection defaults, IReadOnlyCollection<string>? wanted, List<ConfigDiagnostic> diagnostics)
    {
        if (sections.Count == 0)
            sections = [defaults];
        if (wanted is null || wanted.Count == 0)
            return sections;
        foreach (var name in wanted.Where(name => sections.All(section => section.Name != name)))
        {
            var known = string.Join(", ", sections.Select(section => section.Name));
            diagnostics.Add(new(ConfigSeverity.Error, defaults.Origin, null, $"--cluster names '{name}', but the configuration has no such section (it has: {known})"));
        }
        return sections.Where(section => wanted.Contains(section.Name)).ToList();
    }

    private static ConfigSection Resolve(RawSection section, Dictionary<ConfigKey, ConfigEntry> own, Dictionary<ConfigKey, ConfigEntry> defaults)
    {
        var merged = new Dictionary<ConfigKey, ConfigEntry>(own);
        foreach (var (key, entry) in defaults)
        {
            if (key.Scope == ConfigScope.Cluster)
                merged.TryAdd(key, entry);
        }
        return new ConfigSection(section.Name, section.Origin, merged);
    }

    private static void ThrowOnErrors(List<ConfigDiagnostic> diagnostics)
    {
        var errors = diagnostics.Where(diagnostic => diagnostic.Severity == ConfigSeverity.Error).ToList();
        if (errors.Count > 0)
            throw new ConfigurationException(errors);
    }
}
