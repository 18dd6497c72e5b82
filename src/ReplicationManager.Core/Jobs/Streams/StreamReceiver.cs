using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Win32.SafeHandles;
using ReplicationManager.Core.Faults;

namespace ReplicationManager.Core.Jobs.Streams;

/// <summary>
/// Receives one stream on one port: the socat end of <c>... | socat -u stdio TCP:repman:port</c>. It listens from the
/// moment it is opened (so the port can be written into the job row), accepts a single connection, and writes the
/// bytes to a hidden temporary file beside the destination while hashing them. The caller decides, from the job's
/// outcome, whether to <see cref="Commit"/> the file under its real name or let <see cref="DisposeAsync"/> delete it.
/// A receiver may require a token line before the data (<see cref="RequireToken"/>), so that only the caller of
/// receive-task can fill it: a port written into a job row is readable by anyone who reads that table.
/// </summary>
public sealed class StreamReceiver : IAsyncDisposable
{
    private const int ChunkSize = 1 << 20;
    private const int TokenBytes = 16;

    private readonly Lock _acceptance = new();
    private readonly Socket _listener;
    private readonly PortLease _lease;
    private readonly TimeProvider _time;
    private bool _committed;
    private bool _accepted;
    private long _senderClosedAt = -1;
    private byte[]? _tokenLine;

    private StreamReceiver(Socket listener, PortLease lease, string destination, TimeProvider time)
    {
        _listener = listener;
        _lease = lease;
        _time = time;
        Destination = destination;
        PartialPath = Path.Combine(Path.GetDirectoryName(destination)!, "." + Path.GetFileName(destination) + ".partial");
        Endpoint = (IPEndPoint)listener.LocalEndPoint!;
    }

    /// <summary>Where the stream is listened for: the bound address and the actual port.</summary>
    public IPEndPoint Endpoint { get; }

    public string Destination { get; }

    /// <summary>The hidden file the bytes go to until the stream is known to be good.</summary>
    public string PartialPath { get; }

    /// <summary>Binds <paramref name="bindAddress"/> on the leased port (any port when the lease says 0) and starts listening.</summary>
    public static StreamReceiver Open(IPAddress bindAddress, PortLease lease, string destination, TimeProvider time)
    {
        var listener = new Socket(bindAddress.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            listener.Bind(new IPEndPoint(bindAddress, lease.Port));
            listener.Listen(1);
            return new StreamReceiver(listener, lease, destination, time);
        }
        catch
        {
            listener.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Requires the stream to begin with a line holding a token, and gives that token (hex): the same one on every
    /// call. Null once a sender connected without it being required: too late to require it for that stream.
    /// </summary>
    public string? RequireToken()
    {
        lock (_acceptance)
        {
            if (_tokenLine is null && _accepted)
                return null;
            _tokenLine ??= Encoding.ASCII.GetBytes(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(TokenBytes)) + "\n");
            return Encoding.ASCII.GetString(_tokenLine, 0, _tokenLine.Length - 1);
        }
    }

    /// <summary>
    /// Waits up to <paramref name="acceptTimeout"/> for the sender, then copies until it closes the stream; a read
    /// silent for <paramref name="idleTimeout"/>, or more than <paramref name="maxBytes"/>, fails the transfer. On
    /// failure the temporary file is deleted.
    /// </summary>
    public async Task<StreamReceipt> ReceiveAsync(TimeSpan acceptTimeout, TimeSpan idleTimeout, CancellationToken cancellationToken, long maxBytes = long.MaxValue)
    {
        try
        {
            using var connection = await AcceptAsync(acceptTimeout, cancellationToken);
            // One connection per receiver: nobody else may connect to a port that a job row advertises.
            _listener.Close();
            byte[]? tokenLine;
            lock (_acceptance)
            {
                _accepted = true;
                tokenLine = _tokenLine;
            }
            return await CopyAsync(connection, tokenLine, idleTimeout, maxBytes, cancellationToken);
        }
        catch
        {
            DeletePartial();
            throw;
        }
    }

    /// <summary>
    /// The bytes written once the sender closed the stream cleanly (token checked), before they are flushed to disk; null
    /// while it streams. A reader of the file as it grows (a reseed's relay) has all of it then.
    /// </summary>
    public long? SenderClosedAt => Volatile.Read(ref _senderClosedAt) is >= 0 and var bytes ? bytes : null;

    /// <summary>The job task this stream is for, naming its <see cref="CrashPoint"/>s; null for a stream of no job.</summary>
    public string? CrashTask { get; set; }

    /// <summary>Gives the received file its real name, replacing an older file of that name in one step.</summary>
    public void Commit()
    {
        File.Move(PartialPath, Destination, overwrite: true);
        _committed = true;
    }

    public ValueTask DisposeAsync()
    {
        _listener.Dispose();
        _lease.Dispose();
        if (!_committed)
            DeletePartial();
        return ValueTask.CompletedTask;
    }

    private async Task<Socket> AcceptAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            var connection = await _listener.AcceptAsync(deadline.Token);
            connection.NoDelay = true;
            return connection;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new StreamTransferException($"stream accept timed out: no sender connected to {Endpoint} within {timeout.TotalSeconds:0.#}s");
        }
    }

    private async Task<StreamReceipt> CopyAsync(Socket connection, byte[]? tokenLine, TimeSpan idleTimeout, long maxBytes, CancellationToken cancellationToken)
    {
        var tokenChecked = 0;
        var started = _time.GetTimestamp();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        // The folder is made when a stream arrives, not when a job is posted (a firing posts hundreds).
        Directory.CreateDirectory(Path.GetDirectoryName(PartialPath)!);
        // Readable while it is written: a reseed relays a donor's backup to the joiner as it arrives.
        using var file = File.OpenHandle(PartialPath, FileMode.Create, FileAccess.Write, FileShare.Read | FileShare.Delete, FileOptions.None);
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var buffers = new[] { new byte[ChunkSize], new byte[ChunkSize] };
        long offset = 0;
        var current = 0;
        var receive = ReceiveChunkAsync(connection, buffers[current], idle, idleTimeout, cancellationToken);
        while (true)
        {
            var count = await receive;
            if (count == 0)
                break;
            var chunk = buffers[current].AsMemory(0, count);
            if (tokenLine is not null && tokenChecked < tokenLine.Length)
            {
                var part = Math.Min(count, tokenLine.Length - tokenChecked);
                if (!CryptographicOperations.FixedTimeEquals(chunk.Span[..part], tokenLine.AsSpan(tokenChecked, part)))
                    throw NotTheScript(connection);
                tokenChecked += part;
                chunk = chunk[part..];
                count -= part;
            }
            if (offset + count > maxBytes)
                throw new StreamTransferException($"stream refused: more than {maxBytes} bytes");
            current ^= 1;
            // The next read runs while this chunk is hashed and written.
            receive = ReceiveChunkAsync(connection, buffers[current], idle, idleTimeout, cancellationToken);
            hash.AppendData(chunk.Span);
            await RandomAccess.WriteAsync(file, chunk, offset, cancellationToken);
            offset += count;
            if (CrashTask is { } task)
                CrashPoint.Reach(task, CrashPoint.MidStream);
        }
        if (tokenLine is not null && tokenChecked < tokenLine.Length)
            throw NotTheScript(connection);
        Volatile.Write(ref _senderClosedAt, offset);
        FlushToDisk(file);
        return new StreamReceipt(PartialPath, offset, _time.GetElapsedTime(started), Convert.ToHexStringLower(hash.GetHashAndReset()), connection.RemoteEndPoint);
    }

    private static async Task<int> ReceiveChunkAsync(Socket connection, byte[] buffer, CancellationTokenSource idle, TimeSpan idleTimeout, CancellationToken cancellationToken)
    {
        if (!idle.TryReset())
            throw new StreamTransferException($"stream idle timed out: no data for {idleTimeout.TotalSeconds:0.#}s");
        idle.CancelAfter(idleTimeout);
        try
        {
            return await connection.ReceiveAsync(buffer, SocketFlags.None, idle.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new StreamTransferException($"stream idle timed out: no data for {idleTimeout.TotalSeconds:0.#}s");
        }
        catch (SocketException ex)
        {
            throw new StreamTransferException($"stream cut: {ex.SocketErrorCode} ({ex.Message})", ex);
        }
    }

    private static StreamTransferException NotTheScript(Socket connection) =>
        new($"stream refused: {connection.RemoteEndPoint} did not begin with the token that receive-task gave the job script; nothing was kept");

    private static void FlushToDisk(SafeFileHandle file) => RandomAccess.FlushToDisk(file);

    private void DeletePartial()
    {
        try
        {
            File.Delete(PartialPath);
        }
        catch (IOException)
        {
            // A partial file that cannot be removed is still hidden and never listed.
        }
    }
}
