using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace ReplicationManager.Core.Monitoring;

/// <summary>
/// Names in a fixed order with their positions, case-insensitive (the first of two equal names wins). A probe reads
/// the same names every tick, so one index serves every reading of a server: a tick only fills a values array.
/// </summary>
internal sealed class NameIndex
{
    private readonly Dictionary<string, int> _positions;

    public NameIndex(IReadOnlyList<string> names)
    {
        Names = [.. names];
        _positions = new Dictionary<string, int>(Names.Length, StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < Names.Length; i++)
            _positions.TryAdd(Names[i], i);
    }

    public string[] Names { get; }

    public int Count => Names.Length;

    public bool TryGetPosition(string name, out int position) => _positions.TryGetValue(name, out position);

    /// <summary>Whether these are exactly <paramref name="names"/>, in order.</summary>
    public bool IsFor(IReadOnlyList<string> names)
    {
        if (names.Count != Names.Length)
            return false;
        for (var i = 0; i < Names.Length; i++)
        {
            if (!string.Equals(names[i], Names[i], StringComparison.Ordinal))
                return false;
        }
        return true;
    }
}

/// <summary>A read-only map of the names of a <see cref="NameIndex"/> to a values array, in the index's order.</summary>
internal sealed class NamedValues<TValue>(NameIndex index, TValue[] values) : IReadOnlyDictionary<string, TValue>
{
    public NameIndex Index => index;

    public int Count => index.Count;

    public IEnumerable<string> Keys => index.Names;

    public IEnumerable<TValue> Values => values;

    public TValue this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"no value named '{key}'");

    /// <summary>The value at a position of the index.</summary>
    public TValue At(int position) => values[position];

    public bool ContainsKey(string key) => index.TryGetPosition(key, out _);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out TValue value)
    {
        if (index.TryGetPosition(key, out var position))
        {
            value = values[position];
            return true;
        }
        value = default;
        return false;
    }

    public IEnumerator<KeyValuePair<string, TValue>> GetEnumerator()
    {
        for (var i = 0; i < values.Length; i++)
            yield return new(index.Names[i], values[i]);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
