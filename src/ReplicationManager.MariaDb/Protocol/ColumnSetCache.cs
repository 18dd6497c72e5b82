using System.Buffers.Binary;

namespace ReplicationManager.MariaDb.Protocol;

/// <summary>
/// The column definitions of the last command's result sets, kept as received, by position in the response. A
/// statement sent again (a monitoring probe, every tick) gets the same definitions: they are recognised by their
/// bytes and the parsed <see cref="ColumnSet"/> is reused instead of being decoded and allocated again. Definitions
/// that differ replace the entry. One per connection; not thread-safe (a connection runs one command at a time).
/// </summary>
internal sealed class ColumnSetCache
{
    private const int MaxResultSets = 8;
    private const int MaxBytes = 32 * 1024;
    private const int LengthPrefix = sizeof(int);

    private readonly Entry?[] _entries = new Entry?[MaxResultSets];
    private byte[] _recording = new byte[1024];
    private int _recorded;
    private Entry? _candidate;
    private int _matched;
    private int _matchedBytes;
    private bool _tooBig;

    /// <summary>Starts reading the definitions of the result set at <paramref name="position"/> in the response.</summary>
    public void Begin(int position, int count)
    {
        _candidate = position < MaxResultSets && _entries[position] is { } entry && entry.Columns.Count == count ? entry : null;
        _matched = 0;
        _matchedBytes = 0;
        _recorded = 0;
        _tooBig = false;
    }

    /// <summary>
    /// The column for this definition (the next one of the result set): the cached one when every definition so far
    /// had the same bytes as last time, otherwise parsed here.
    /// </summary>
    public MariaDbColumn Next(ReadOnlySpan<byte> definition, int ordinal, bool extendedMetadata)
    {
        if (_candidate is { } candidate && _matched == ordinal && candidate.Matches(_matchedBytes, definition))
        {
            _matched++;
            _matchedBytes += LengthPrefix + definition.Length;
            return candidate.Columns.Columns[ordinal];
        }
        if (_candidate is not null && _matched == ordinal)
        {
            // The first difference: what matched so far is recorded from the cached bytes.
            Record(_candidate.Definitions.AsSpan(0, _matchedBytes), withLength: false);
            _candidate = null;
        }
        Record(definition, withLength: true);
        return ColumnDefinition.Read(definition, ordinal, extendedMetadata);
    }

    /// <summary>The finished result set's columns: the cached set when nothing differed, else a new set now cached.</summary>
    public ColumnSet End(int position, MariaDbColumn[] columns)
    {
        if (_candidate is { } candidate && _matched == columns.Length)
            return candidate.Columns;
        var set = new ColumnSet(columns);
        if (position < MaxResultSets)
            _entries[position] = !_tooBig ? new Entry(_recording.AsSpan(0, _recorded).ToArray(), set) : null;
        return set;
    }

    private void Record(ReadOnlySpan<byte> bytes, bool withLength)
    {
        if (_tooBig)
            return;
        var needed = _recorded + bytes.Length + (withLength ? LengthPrefix : 0);
        if (needed > MaxBytes)
        {
            _tooBig = true;
            return;
        }
        if (needed > _recording.Length)
            Array.Resize(ref _recording, Math.Max(needed, 2 * _recording.Length));
        if (withLength)
        {
            BinaryPrimitives.WriteInt32LittleEndian(_recording.AsSpan(_recorded), bytes.Length);
            _recorded += LengthPrefix;
        }
        bytes.CopyTo(_recording.AsSpan(_recorded));
        _recorded += bytes.Length;
    }

    private sealed class Entry(byte[] definitions, ColumnSet columns)
    {
        public byte[] Definitions => definitions;

        public ColumnSet Columns => columns;

        public bool Matches(int offset, ReadOnlySpan<byte> definition) =>
            offset + LengthPrefix + definition.Length <= definitions.Length
            && BinaryPrimitives.ReadInt32LittleEndian(definitions.AsSpan(offset)) == definition.Length
            && definitions.AsSpan(offset + LengthPrefix, definition.Length).SequenceEqual(definition);
    }
}
