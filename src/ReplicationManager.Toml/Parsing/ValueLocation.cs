namespace ReplicationManager.Toml.Parsing;

/// <summary>
/// Where a value lives: under a key of a table, or at an index of an array. Error messages build a path from it;
/// nothing else does, so a successful parse never pays for path strings.
/// </summary>
internal readonly record struct ValueLocation(TomlValue? Container, string? Key, int Index = 0)
{
    /// <summary>" for key "x"", to name the key in an error, or nothing for an array element.</summary>
    public string ForKey => Key is null ? string.Empty : $" for key {KeyText.QuoteName(Key)}";

    /// <summary>The dotted key from the root in TOML syntax, with [index] for array elements; empty for the root.</summary>
    public string Path => Container switch
    {
        TomlTable table when Key is not null => KeyText.Join(table.Path, Key),
        TomlArray array => $"{array.Path}[{Index}]",
        _ => string.Empty,
    };
}
