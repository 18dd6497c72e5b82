using System.Collections;

namespace ReplicationManager.MariaDb.Protocol;

/// <summary>
/// The rows of one buffered result set, packed one after the other into a single growing byte array with their
/// value offsets in a single int array, so that keeping a row costs no allocation of its own.
/// </summary>
internal sealed class RowStore(ColumnSet columns, MariaDbZeroDateHandling zeroDates) : IReadOnlyList<MariaDbRow>
{
    private byte[] _data = [];
    private int _length;
    private int[] _offsets = [];
    private int _count;

    public ColumnSet Columns => columns;

    public int Count => _count;

    public MariaDbRow this[int index] =>
        (uint)index < (uint)_count ? new MariaDbRow(this, index) : throw new ArgumentOutOfRangeException(nameof(index));

    /// <summary>Copies a row: its payload and its (start, length) pairs, starts made relative to the store.</summary>
    public void Add(ReadOnlySpan<byte> payload, ReadOnlySpan<int> offsets)
    {
        // The first row gets an array of its own size (most buffered results have one row), later ones double it.
        if (_length + payload.Length > _data.Length)
            Array.Resize(ref _data, Math.Max(_length + payload.Length, _data.Length * 2));
        if ((_count + 1) * offsets.Length > _offsets.Length)
            Array.Resize(ref _offsets, Math.Max((_count + 1) * offsets.Length, _offsets.Length * 2));
        payload.CopyTo(_data.AsSpan(_length));
        var target = _offsets.AsSpan(_count * offsets.Length, offsets.Length);
        for (var i = 0; i < offsets.Length; i += 2)
        {
            target[i] = offsets[i] + _length;
            target[i + 1] = offsets[i + 1];
        }
        _length += payload.Length;
        _count++;
    }

    public MariaDbValue Value(int index, int ordinal)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(ordinal);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(ordinal, columns.Count);
        var at = 2 * (index * columns.Count + ordinal);
        var length = _offsets[at + 1];
        var data = length < 0 ? default : new ReadOnlyMemory<byte>(_data, _offsets[at], length);
        return new(data, length < 0, columns.Columns[ordinal], zeroDates);
    }

    public IEnumerator<MariaDbRow> GetEnumerator()
    {
        for (var index = 0; index < _count; index++)
            yield return new MariaDbRow(this, index);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
