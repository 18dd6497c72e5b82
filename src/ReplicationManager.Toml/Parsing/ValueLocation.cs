namespace ReplicationManager.Toml.Parsing;

/// <summary>Where a value being read will live: under a key of a table, or at an index of an array.</summary>
internal readonly record struct ValueLocation(string ContainerPath, string? Key, int Index = 0)
{
    /// <summary>" for key "x"", to name the key in an error, or nothing for an array element.</summary>
    public string ForKey => Key is null ? string.Empty : $" for key {KeyText.QuoteName(Key)}";

    /// <summary>The path an inline table at this location gets, for error messages.</summary>
    public string Build() => Key is null ? $"{ContainerPath}[{Index}]" : KeyText.Join(ContainerPath, Key);
}
