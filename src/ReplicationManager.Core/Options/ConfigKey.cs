using ReplicationManager.Toml;

namespace ReplicationManager.Core.Options;

/// <summary>
/// One dashed configuration key of replication-manager: its name, meaning, default and check.
/// The key catalog is the single source of the parser, the validator and docs/configuration.md.
/// </summary>
public abstract class ConfigKey(string name, string kind, string defaultText, string description, ConfigScope scope)
{
    public string Name { get; } = name;

    /// <summary>How the value is written, for the documentation and error messages ("seconds", "cron expression").</summary>
    public string Kind { get; } = kind;

    /// <summary>The default as it would be written in TOML.</summary>
    public string DefaultText { get; } = defaultText;

    public string Description { get; } = description;

    public ConfigScope Scope { get; } = scope;

    /// <summary>Older names replication-manager still reads for this key.</summary>
    public IReadOnlyList<string> Aliases { get; private protected set; } = [];

    /// <summary>True for keys holding secrets: their values never appear in logs or API answers.</summary>
    public bool IsSecret { get; init; }

    internal abstract bool TryParseBoxed(TomlValue value, out object? parsed, out string? error);

    public override string ToString() => Name;
}

/// <summary>A configuration key whose value has type <typeparamref name="T"/>.</summary>
public sealed class ConfigKey<T>(string name, string kind, T defaultValue, string defaultText, string description, ConfigScope scope, ConfigValueParser<T> parser)
    : ConfigKey(name, kind, defaultText, description, scope)
{
    public T Default { get; } = defaultValue;

    public bool TryParse(TomlValue value, out T parsed, out string? error) => parser(value, out parsed, out error);

    /// <summary>Declares the older names of this key; used while the catalog is built.</summary>
    internal ConfigKey<T> AlsoNamed(params string[] aliases)
    {
        Aliases = aliases;
        return this;
    }

    internal override bool TryParseBoxed(TomlValue value, out object? parsed, out string? error)
    {
        var ok = parser(value, out var typed, out error);
        parsed = typed;
        return ok;
    }
}

/// <summary>Turns a TOML value into a typed option value, or says precisely why it cannot.</summary>
public delegate bool ConfigValueParser<T>(TomlValue value, out T parsed, out string? error);
