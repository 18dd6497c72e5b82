using System.Collections;
using System.Diagnostics.CodeAnalysis;
using ReplicationManager.Toml.Parsing;

namespace ReplicationManager.Toml;

/// <summary>
/// A table: the document root, a <c>[header]</c> table, a table made by dotted keys, or an inline table.
/// Keys enumerate in document order, and each remembers where it was written.
/// </summary>
[SuppressMessage("Naming", "CA1710:Identifiers should have correct suffix", Justification = "Table is the TOML specification's word for it.")]
public sealed class TomlTable : TomlValue, IReadOnlyDictionary<string, TomlValue>
{
    private readonly Dictionary<string, int> _indexByKey = new(StringComparer.Ordinal);
    private readonly List<KeyValuePair<string, TomlValue>> _entries = [];
    private readonly List<TomlPosition> _keyPositions = [];

    internal TomlTable(TomlPosition position, TableOrigin origin, string path, int depth)
        : base(position)
    {
        Origin = origin;
        Path = path;
        Depth = depth;
    }

    /// <summary>True for a table written in braces, and for the tables its dotted keys made: such tables cannot be extended.</summary>
    public bool IsInline => Origin == TableOrigin.Inline;

    public override TomlValueKind Kind => TomlValueKind.Table;

    public int Count => _entries.Count;

    public IEnumerable<string> Keys => _entries.Select(entry => entry.Key);

    public IEnumerable<TomlValue> Values => _entries.Select(entry => entry.Value);

    internal TableOrigin Origin { get; set; }

    /// <summary>The dotted key of the table from the root, in TOML syntax; empty for the root.</summary>
    internal string Path { get; }

    /// <summary>How many tables and arrays enclose this one; 0 for the root.</summary>
    internal int Depth { get; }

    public TomlValue this[string key] => TryGetValue(key, out var value)
        ? value
        : throw new KeyNotFoundException($"key \"{key}\" is not in the table");

    public bool ContainsKey(string key) => _indexByKey.ContainsKey(key);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out TomlValue value)
    {
        if (_indexByKey.TryGetValue(key, out var index))
        {
            value = _entries[index].Value;
            return true;
        }

        value = null;
        return false;
    }

    /// <summary>Where the key was written: in a dotted key or header, the part that names this entry.</summary>
    public TomlPosition GetKeyPosition(string key) => TryGetKeyPosition(key, out var position)
        ? position
        : throw new KeyNotFoundException($"key \"{key}\" is not in the table");

    public bool TryGetKeyPosition(string key, out TomlPosition position)
    {
        var found = _indexByKey.TryGetValue(key, out var index);
        position = found ? _keyPositions[index] : default;
        return found;
    }

    public IEnumerator<KeyValuePair<string, TomlValue>> GetEnumerator() => _entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => Path.Length == 0 ? "root table" : $"table {Path}";

    internal void Add(string key, TomlPosition keyPosition, TomlValue value)
    {
        _indexByKey.Add(key, _entries.Count);
        _entries.Add(new(key, value));
        _keyPositions.Add(keyPosition);
    }

    /// <summary>A table first named as the parent in a header is placed where a later header defines it.</summary>
    internal void MoveKey(string key, TomlPosition keyPosition) => _keyPositions[_indexByKey[key]] = keyPosition;
}
