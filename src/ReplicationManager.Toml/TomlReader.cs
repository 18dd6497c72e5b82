using ReplicationManager.Toml.Parsing;

namespace ReplicationManager.Toml;

/// <summary>Reads TOML 1.0.0 documents. Every failure is a <see cref="TomlException"/> naming the line and column.</summary>
public static class TomlReader
{
    /// <summary>Parses a document held as text; <paramref name="sourceName"/> labels errors, usually with a file name.</summary>
    public static TomlTable Parse(string text, string? sourceName = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        TextDecoding.RejectUnpairedSurrogates(text, sourceName);
        return DocumentParser.Parse(text, sourceName);
    }

    /// <summary>Parses a document held as UTF-8 bytes; invalid UTF-8 is an error, as TOML requires. A leading BOM is skipped.</summary>
    public static TomlTable Parse(ReadOnlySpan<byte> utf8, string? sourceName = null) =>
        DocumentParser.Parse(TextDecoding.DecodeUtf8(utf8, sourceName), sourceName);

    /// <summary>Reads and parses a file; errors carry its path as their source.</summary>
    public static TomlTable ParseFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Parse(File.ReadAllBytes(path), path);
    }
}
