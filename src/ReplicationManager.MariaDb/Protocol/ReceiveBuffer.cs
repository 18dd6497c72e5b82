using System.Runtime.CompilerServices;
using ReplicationManager.MariaDb.Io;

namespace ReplicationManager.MariaDb.Protocol;

/// <summary>
/// The bytes received from the server and not yet parsed, in one pooled buffer. Each socket read takes as much as
/// fits, so that thousands of small rows are parsed from memory between two reads.
/// </summary>
internal sealed class ReceiveBuffer(Transport transport) : IDisposable
{
    public const int DefaultCapacity = 64 * 1024;

    private byte[] _data = ByteBuffers.Rent(DefaultCapacity);
    private int _start;
    private int _end;

    public int Count => _end - _start;

    public int Capacity => _data.Length;

    public ReadOnlySpan<byte> Span => _data.AsSpan(_start, _end - _start);

    /// <summary>Buffered bytes <c>[offset, offset + length)</c> counted from the first unconsumed byte.</summary>
    public ReadOnlyMemory<byte> Slice(int offset, int length) => _data.AsMemory(_start + offset, length);

    public void Consume(int count)
    {
        _start += count;
        if (_start == _end)
            _start = _end = 0;
    }

    /// <summary>Reads until at least <paramref name="minimum"/> bytes (at most <see cref="Capacity"/>) are buffered.</summary>
    public ValueTask FillAsync(int minimum, Deadline deadline, CancellationToken cancellationToken) =>
        Count >= minimum ? ValueTask.CompletedTask : FillSlowAsync(minimum, deadline, cancellationToken);

    /// <summary>Fills <paramref name="destination"/> from the buffer first, then straight from the transport.</summary>
    public async ValueTask ReadExactlyAsync(Memory<byte> destination, Deadline deadline, CancellationToken cancellationToken)
    {
        var fromBuffer = Math.Min(Count, destination.Length);
        _data.AsSpan(_start, fromBuffer).CopyTo(destination.Span);
        Consume(fromBuffer);
        for (var filled = fromBuffer; filled < destination.Length;)
            filled += await transport.ReadAsync(destination[filled..], deadline, cancellationToken);
    }

    public void Dispose() => ByteBuffers.Return(_data);

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask FillSlowAsync(int minimum, Deadline deadline, CancellationToken cancellationToken)
    {
        if (minimum > _data.Length)
            throw new InvalidOperationException($"cannot buffer {minimum} bytes in {_data.Length}");
        if (_start + minimum > _data.Length)
        {
            _data.AsSpan(_start, Count).CopyTo(_data);
            _end -= _start;
            _start = 0;
        }
        while (Count < minimum)
            _end += await transport.ReadAsync(_data.AsMemory(_end), deadline, cancellationToken);
    }
}
