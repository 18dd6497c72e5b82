using System.Text;

namespace ReplicationManager.Toml.Parsing;

/// <summary>Keys and table names written back the way an operator would type them, for error messages.</summary>
internal static class KeyText
{
    /// <summary>A key part as TOML: bare when it can be, else a basic string.</summary>
    public static string Part(string name)
    {
        if (name.Length > 0 && !name.AsSpan().ContainsAnyExcept(CharClass.BareKeyCharacters))
            return name;
        var text = new StringBuilder(name.Length + 2).Append('"');
        foreach (var c in name)
        {
            _ = c switch
            {
                '"' => text.Append("\\\""),
                '\\' => text.Append("\\\\"),
                '\n' => text.Append("\\n"),
                '\t' => text.Append("\\t"),
                _ when CharClass.IsControl(c) => text.Append($"\\u{(int)c:X4}"),
                _ => text.Append(c),
            };
        }

        return text.Append('"').ToString();
    }

    public static string Join(string path, string name) => path.Length == 0 ? Part(name) : $"{path}.{Part(name)}";

    public static string Join(IReadOnlyList<KeyPart> key, int count)
    {
        var path = string.Empty;
        for (var i = 0; i < count; i++)
            path = Join(path, key[i].Name);
        return path;
    }

    /// <summary>A key in a sentence: in double quotes when bare, as written in TOML otherwise (it has its own quotes).</summary>
    public static string Quote(string path) =>
        path.Length > 0 && path[0] != '"' && !path.Contains('"', StringComparison.Ordinal) ? $"\"{path}\"" : path;

    public static string Quote(IReadOnlyList<KeyPart> key, int count) => Quote(Join(key, count));

    /// <summary>A single key part in a sentence.</summary>
    public static string QuoteName(string name) => Quote(Part(name));

    public static string Quote(IReadOnlyList<KeyPart> key) => Quote(key, key.Count);

    /// <summary>A table in a sentence: as its header, or "the root table".</summary>
    public static string Describe(TomlTable table) => table.Origin switch
    {
        TableOrigin.Root => "the root table",
        TableOrigin.ArrayElement => $"[[{table.Path}]]",
        TableOrigin.Inline => $"inline table {Quote(table.Path)}",
        _ => $"table [{table.Path}]",
    };
}
