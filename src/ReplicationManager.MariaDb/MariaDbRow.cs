using ReplicationManager.MariaDb.Protocol;

namespace ReplicationManager.MariaDb;

/// <summary>
/// A row kept in memory (from <see cref="MariaDbConnection.QueryAsync"/>): the row's bytes as received, decoded only
/// when a value is read. Values are found by position or by column name, ignoring case. The rows of a result share
/// one buffer, so a row is a small value, not an object of its own.
/// </summary>
public readonly struct MariaDbRow : IEquatable<MariaDbRow>
{
    private readonly RowStore _store;
    private readonly int _index;

    internal MariaDbRow(RowStore store, int index)
    {
        _store = store;
        _index = index;
    }

    /// <summary>The result set's columns.</summary>
    public IReadOnlyList<MariaDbColumn> Columns => Store.Columns.Columns;

    public int FieldCount => Store.Columns.Count;

    public MariaDbValue this[int ordinal] => Store.Value(_index, ordinal);

    /// <exception cref="ArgumentException">No column has this name.</exception>
    public MariaDbValue this[string name] => this[Store.Columns.GetOrdinal(name)];

    /// <summary>The value of the named column, if the result has such a column (useful across server versions).</summary>
    public bool TryGetValue(string name, out MariaDbValue value)
    {
        var found = Store.Columns.TryGetOrdinal(name, out var ordinal);
        value = found ? this[ordinal] : default;
        return found;
    }

    public int GetOrdinal(string name) => Store.Columns.GetOrdinal(name);

    public bool Equals(MariaDbRow other) => ReferenceEquals(_store, other._store) && _index == other._index;

    public override bool Equals(object? obj) => obj is MariaDbRow other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(_store, _index);

    public override string ToString()
    {
        var row = this;
        return _store is null ? "" : string.Join(", ", row.Columns.Select(column => $"{column.Name}={row[column.Ordinal]}"));
    }

    public static bool operator ==(MariaDbRow left, MariaDbRow right) => left.Equals(right);

    public static bool operator !=(MariaDbRow left, MariaDbRow right) => !left.Equals(right);

    private RowStore Store => _store ?? throw new InvalidOperationException("a default MariaDbRow has no values");
}
