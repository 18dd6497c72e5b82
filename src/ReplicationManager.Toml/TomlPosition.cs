namespace ReplicationManager.Toml;

/// <summary>
/// A place in a TOML document. Both numbers are 1-based; a column counts Unicode characters, so a character
/// outside the Basic Multilingual Plane is one column, as an operator's editor shows it.
/// </summary>
public readonly record struct TomlPosition(int Line, int Column)
{
    public override string ToString() => $"{Line}:{Column}";
}
