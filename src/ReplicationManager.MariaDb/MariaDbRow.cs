using ReplicationManager.MariaDb.Protocol;

namespace ReplicationManager.MariaDb;

/// <summary>
/// A row kept in memory (from <see cref="MariaDbConnection.QueryAsync"/>): the row's bytes as received, decoded only
/// when a value is read. Values are found by position or by column name, ignoring case.
/// </summary>
public sealed class MariaDbRow
{
    private readonly ColumnSet _columns;
    private readonly byte[] _data;
    private readonly int[] _offsets;
    private readonly MariaDbZeroDateHandling _zeroDates;

    internal MariaDbRow(ColumnSet columns, byte[] data, int[] offsets, MariaDbZeroDateHandling zeroDates)
    {
        _columns = columns;
        _data = data;
        _offsets = offsets;
        _zeroDates = zeroDates;
    }

    /// <summary>The result set's columns.</summary>
    public IReadOnlyList<MariaDbColumn> Columns => _columns.Columns;

    public int FieldCount => _columns.Count;

    public MariaDbValue this[int ordinal]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(ordinal);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(ordinal, _columns.Count);
            var length = _offsets[2 * ordinal + 1];
            var data = length < 0 ? default : new ReadOnlyMemory<byte>(_data, _offsets[2 * ordinal], length);
            return new(data, length < 0, _columns.Columns[ordinal], _zeroDates);
        }
    }

    /// <exception cref="ArgumentException">No column has this name.</exception>
    public MariaDbValue this[string name] => this[_columns.GetOrdinal(name)];

    /// <summary>The value of the named column, if the result has such a column (useful across server versions).</summary>
    public bool TryGetValue(string name, out MariaDbValue value)
    {
        var found = _columns.TryGetOrdinal(name, out var ordinal);
        value = found ? this[ordinal] : default;
        return found;
    }

    public int GetOrdinal(string name) => _columns.GetOrdinal(name);

    public override string ToString() =>
        string.Join(", ", Enumerable.Range(0, FieldCount).Select(ordinal => $"{_columns.Columns[ordinal].Name}={this[ordinal]}"));
}
