using System.Collections;

namespace ReplicationManager.Toml;

/// <summary>An array: a static one written with brackets (its elements may mix types), or an array of tables built by <c>[[name]]</c> headers.</summary>
public sealed class TomlArray : TomlValue, IReadOnlyList<TomlValue>
{
    private readonly List<TomlValue> _items = [];

    internal TomlArray(TomlPosition position, bool isArrayOfTables, int depth)
        : base(position)
    {
        IsArrayOfTables = isArrayOfTables;
        Depth = depth;
    }

    /// <summary>True when the array was built by <c>[[name]]</c> headers, false for a bracketed value.</summary>
    public bool IsArrayOfTables { get; }

    public override TomlValueKind Kind => TomlValueKind.Array;

    public int Count => _items.Count;

    public TomlValue this[int index] => _items[index];

    /// <summary>How many tables and arrays enclose this one.</summary>
    internal int Depth { get; }

    public IEnumerator<TomlValue> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => IsArrayOfTables ? $"array of {Count} tables" : $"array of {Count} values";

    internal void Add(TomlValue value) => _items.Add(value);
}
