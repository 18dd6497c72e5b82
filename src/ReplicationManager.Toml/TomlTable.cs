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
    // Most tables hold a handful of keys, where a linear search beats hashing and saves a dictionary per table.
    private const int LinearSearchLimit = 8;

    private readonly List<Entry> _entries = [];
    private Dictionary<string, int>? _indexByKey;
    private string? _path;

    internal TomlTable(TomlPosition position, TableOrigin origin, ValueLocation location, int depth)
        : base(position)
    {
        Origin = origin;
        Location = location;
        Depth = depth;
    }

    /// <summary>True for a table written in braces, and for the tables its dotted keys made: such tables cannot be extended.</summary>
    public bool IsInline => Origin == TableOrigin.Inline;

    public override TomlValueKind Kind => TomlValueKind.Table;

    public int Count => _entries.Count;

    public IEnumerable<string> Keys => _entries.Select(entry => entry.Key);

    public IEnumerable<TomlValue> Values => _entries.Select(entry => entry.Value);

    internal TableOrigin Origin { get; set; }

    internal ValueLocation Location { get; }

    /// <summary>The dotted key of the table from the root, in TOML syntax; empty for the root.</summary>
    internal string Path => _path ??= Location.Path;

    /// <summary>How many tables and arrays enclose this one; 0 for the root.</summary>
    internal int Depth { get; }

    public TomlValue this[string key] => TryGetValue(key, out var value)
        ? value
        : throw new KeyNotFoundException($"key \"{key}\" is not in the table");

    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out TomlValue value)
    {
        var index = IndexOf(key);
        value = index < 0 ? null : _entries[index].Value;
        return index >= 0;
    }

    /// <summary>Where the key was written: in a dotted key or header, the part that names this entry.</summary>
    public TomlPosition GetKeyPosition(string key) => TryGetKeyPosition(key, out var position)
        ? position
        : throw new KeyNotFoundException($"key \"{key}\" is not in the table");

    public bool TryGetKeyPosition(string key, out TomlPosition position)
    {
        var index = IndexOf(key);
        position = index < 0 ? default : _entries[index].KeyPosition;
        return index >= 0;
    }

    public IEnumerator<KeyValuePair<string, TomlValue>> GetEnumerator()
    {
        foreach (var entry in _entries)
            yield return new(entry.Key, entry.Value);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => Path.Length == 0 ? "root table" : $"table {Path}";

    internal void Add(string key, TomlPosition keyPosition, TomlValue value)
    {
        _entries.Add(new(key, value, keyPosition));
        if (_indexByKey is not null)
        {
            _indexByKey.Add(key, _entries.Count - 1);
        }
        else if (_entries.Count > LinearSearchLimit)
        {
            _indexByKey = new(2 * _entries.Count, StringComparer.Ordinal);
            for (var i = 0; i < _entries.Count; i++)
                _indexByKey.Add(_entries[i].Key, i);
        }
    }

    /// <summary>A table first named as the parent in a header is placed where a later header defines it.</summary>
    internal void MoveKey(string key, TomlPosition keyPosition)
    {
        var index = IndexOf(key);
        _entries[index] = _entries[index] with { KeyPosition = keyPosition };
    }

    private int IndexOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (_indexByKey is not null)
            return _indexByKey.TryGetValue(key, out var index) ? index : -1;
        for (var i = 0; i < _entries.Count; i++)
        {
            if (string.Equals(_entries[i].Key, key, StringComparison.Ordinal))
                return i;
        }

        return -1;
    }

    private readonly record struct Entry(string Key, TomlValue Value, TomlPosition KeyPosition);
}
