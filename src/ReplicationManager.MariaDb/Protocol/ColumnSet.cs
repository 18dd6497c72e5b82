namespace ReplicationManager.MariaDb.Protocol;

/// <summary>The columns of one result set, shared by its rows, with case-insensitive lookup by name (first match wins).</summary>
internal sealed class ColumnSet(MariaDbColumn[] columns)
{
    private const int LinearSearchLimit = 8;
    private Dictionary<string, int>? _byName;

    public static ColumnSet Empty { get; } = new([]);

    public MariaDbColumn[] Columns => columns;

    public int Count => columns.Length;

    public bool TryGetOrdinal(string name, out int ordinal)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (columns.Length <= LinearSearchLimit)
        {
            for (ordinal = 0; ordinal < columns.Length; ordinal++)
            {
                if (string.Equals(columns[ordinal].Name, name, StringComparison.OrdinalIgnoreCase))
                    return true;
            }
            return false;
        }
        _byName ??= BuildIndex();
        return _byName.TryGetValue(name, out ordinal);
    }

    public int GetOrdinal(string name) =>
        TryGetOrdinal(name, out var ordinal)
            ? ordinal
            : throw new ArgumentException(
                $"the result has no column named '{name}' (it has {string.Join(", ", columns.Select(column => column.Name))})", nameof(name));

    private Dictionary<string, int> BuildIndex()
    {
        var index = new Dictionary<string, int>(columns.Length, StringComparer.OrdinalIgnoreCase);
        for (var ordinal = 0; ordinal < columns.Length; ordinal++)
            index.TryAdd(columns[ordinal].Name, ordinal);
        return index;
    }
}
