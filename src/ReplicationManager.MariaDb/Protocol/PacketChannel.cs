using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using ReplicationManager.MariaDb.Io;

namespace ReplicationManager.MariaDb.Protocol;

/// <summary>
/// Packet framing over the transport: a 3-byte length and a sequence id in front of each payload, payloads of
/// 16 MB - 1 or more split into several packets (and joined again on receipt), and the sequence checked on every packet.
/// A received payload stays valid until the next read.
/// </summary>
internal sealed class PacketChannel(Transport transport) : IAsyncDisposable
{
    public const int MaxPacketLength = 0xFFFFFF;
    private const int HeaderLength = 4;

    private readonly ReceiveBuffer _receive = new(transport);
    private readonly PayloadBuilder _send = new();
    private byte[]? _large;
    private byte _sequence;
    private bool _disposed;

    public Transport Transport => transport;

    public string Endpoint => transport.Endpoint;

    /// <summary>Starts a new exchange (a command): sequence ids restart at zero.</summary>
    public void ResetSequence() => _sequence = 0;

    /// <summary>Takes the next payload if it is already complete in the buffer; never waits.</summary>
    public bool TryReadBuffered(out ReadOnlyMemory<byte> payload)
    {
        ThrowIfDisposed();
        ReleaseLarge();
        var buffered = _receive.Span;
        if (buffered.Length >= HeaderLength)
        {
            var length = buffered[0] | buffered[1] << 8 | buffered[2] << 16;
            if (length < MaxPacketLength && buffered.Length >= HeaderLength + length)
            {
                payload = _receive.Slice(HeaderLength, length);
                _receive.Consume(HeaderLength + length);
                Accept(buffered[3], payload.Span);
                return true;
            }
        }
        payload = default;
        return false;
    }

    public ValueTask<ReadOnlyMemory<byte>> ReadAsync(Deadline deadline, CancellationToken cancellationToken) =>
        TryReadBuffered(out var payload) ? new(payload) : ReadSlowAsync(deadline, cancellationToken);

    /// <summary>Clears the outgoing payload and returns the builder for the next packet.</summary>
    public PayloadBuilder StartPayload()
    {
        _send.Reset();
        return _send;
    }

    /// <summary>Sends the payload built since <see cref="StartPayload"/>, split into packets as needed.</summary>
    public async ValueTask SendAsync(Deadline deadline, CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        var buffer = _send.Buffer;
        var remaining = _send.PayloadLength;
        var offset = HeaderLength;
        while (true)
        {
            // Each header goes into the 4 bytes just before its chunk: bytes of the previous chunk, already sent.
            var chunk = Math.Min(remaining, MaxPacketLength);
            WriteHeader(buffer.AsSpan(offset - HeaderLength), chunk, _sequence++);
            await transport.WriteAsync(buffer.AsMemory(offset - HeaderLength, HeaderLength + chunk), deadline, cancellationToken);
            offset += chunk;
            remaining -= chunk;
            if (chunk < MaxPacketLength)
                break;
        }
        _send.Reset();
    }

    /// <summary>Lets go of a payload too big for the receive buffer once the command that read it is over.</summary>
    public void ReleaseLargeBuffers()
    {
        if (!_disposed)
            ReleaseLarge();
    }

    /// <summary>Closes the socket now (the protocol state is unknown); buffers are released by <see cref="DisposeAsync"/>.</summary>
    public void Abort() => transport.Abort();

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
            return;
        _disposed = true;
        await transport.DisposeAsync();
        ReleaseLarge();
        _receive.Dispose();
        _send.Dispose();
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<ReadOnlyMemory<byte>> ReadSlowAsync(Deadline deadline, CancellationToken cancellationToken)
    {
        await _receive.FillAsync(HeaderLength, deadline, cancellationToken);
        var (length, sequence) = PeekHeader();
        if (length < MaxPacketLength && HeaderLength + length <= _receive.Capacity)
        {
            await _receive.FillAsync(HeaderLength + length, deadline, cancellationToken);
            TryReadBuffered(out var payload);
            return payload;
        }
        return await ReadLargeAsync(length, sequence, deadline, cancellationToken);
    }

    /// <summary>A payload too big for the receive buffer, possibly spread over several packets, read into its own array.</summary>
    private async ValueTask<ReadOnlyMemory<byte>> ReadLargeAsync(int length, byte sequence, Deadline deadline, CancellationToken cancellationToken)
    {
        var large = ByteBuffers.Rent(length);
        var total = 0;
        try
        {
            while (true)
            {
                _receive.Consume(HeaderLength);
                CheckSequence(sequence);
                if (total + length > large.Length)
                    large = ByteBuffers.Grow(large, total, total + length);
                await _receive.ReadExactlyAsync(large.AsMemory(total, length), deadline, cancellationToken);
                total += length;
                if (length < MaxPacketLength)
                    break;
                await _receive.FillAsync(HeaderLength, deadline, cancellationToken);
                (length, sequence) = PeekHeader();
            }
        }
        catch
        {
            ByteBuffers.Return(large);
            throw;
        }
        _large = large;
        return large.AsMemory(0, total);
    }

    private void ThrowIfDisposed()
    {
        if (_disposed)
            throw new MariaDbConnectionException($"the connection to {Endpoint} is closed");
    }

    private (int Length, byte Sequence) PeekHeader()
    {
        var header = _receive.Span;
        return (header[0] | header[1] << 8 | header[2] << 16, header[3]);
    }

    private void Accept(byte sequence, ReadOnlySpan<byte> payload)
    {
        // A server that gives up on the session (wait_timeout, shutdown) may send its ERR out of turn: show its message.
        if (sequence != _sequence && payload.Length > 3 && payload[0] == 0xFF)
            throw new MariaDbConnectionException(
                $"connection to {Endpoint} ended by the server: {ErrorPacket.Read(payload, Endpoint).Message}");
        CheckSequence(sequence);
    }

    private void CheckSequence(byte sequence)
    {
        if (sequence != _sequence)
            throw ProtocolErrors.OutOfOrder(_sequence, sequence);
        _sequence++;
    }

    private void ReleaseLarge()
    {
        if (_large is { } large)
        {
            _large = null;
            ByteBuffers.Return(large);
        }
    }

    private static void WriteHeader(Span<byte> destination, int length, byte sequence)
    {
        BinaryPrimitives.WriteInt32LittleEndian(destination, length);
        destination[3] = sequence;
    }
}
