using System.Net.Security;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Security.Authentication;

namespace ReplicationManager.MariaDb.Io;

/// <summary>
/// The byte stream to one server (a socket, later perhaps wrapped in TLS). Every read and write is bounded by a
/// <see cref="Deadline"/> and the caller's token, and every failure comes out as a typed exception naming the endpoint.
/// </summary>
internal sealed class Transport : IAsyncDisposable
{
    private readonly IoWatchdog _watchdog;
    private Stream _stream;

    public Transport(Stream stream, string endpoint)
    {
        _stream = stream;
        Endpoint = endpoint;
        _watchdog = new IoWatchdog(Abort);
    }

    public string Endpoint { get; }

    public SslStream? Tls => _stream as SslStream;

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<int> ReadAsync(Memory<byte> buffer, Deadline deadline, CancellationToken cancellationToken)
    {
        CheckBeforeWaiting(deadline, cancellationToken);
        var watched = false;
        try
        {
            var pending = _stream.ReadAsync(buffer, CancellationToken.None);
            if (!pending.IsCompleted)
            {
                _watchdog.Watch(deadline, cancellationToken);
                watched = true;
            }
            var read = await pending;
            if (watched)
            {
                watched = false;
                ThrowIfFiredDuring();
            }
            return read > 0 ? read : throw new MariaDbConnectionException($"connection to {Endpoint} closed by the server");
        }
        catch (Exception ex) when (Translate(ex, "reading", deadline, null, cancellationToken) is { } translated)
        {
            throw translated;
        }
        finally
        {
            if (watched)
                _watchdog.Stop();
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, Deadline deadline, CancellationToken cancellationToken)
    {
        CheckBeforeWaiting(deadline, cancellationToken);
        var watched = false;
        try
        {
            var pending = _stream.WriteAsync(buffer, CancellationToken.None);
            if (!pending.IsCompleted)
            {
                _watchdog.Watch(deadline, cancellationToken);
                watched = true;
            }
            await pending;
            if (watched)
            {
                watched = false;
                ThrowIfFiredDuring();
            }
        }
        catch (Exception ex) when (Translate(ex, "writing", deadline, null, cancellationToken) is { } translated)
        {
            throw translated;
        }
        finally
        {
            if (watched)
                _watchdog.Stop();
        }
    }

    /// <summary>Wraps the stream in TLS; <paramref name="rejection"/> tells why the certificate callback said no.</summary>
    public async Task UpgradeToTlsAsync(
        SslClientAuthenticationOptions options, Func<string?> rejection, Deadline deadline, CancellationToken cancellationToken)
    {
        var tls = new SslStream(_stream, leaveInnerStreamOpen: false);
        CheckBeforeWaiting(deadline, cancellationToken);
        var source = deadline.CreateTokenSource(cancellationToken);
        try
        {
            await tls.AuthenticateAsClientAsync(options, source?.Token ?? cancellationToken);
            _stream = tls;
        }
        catch (AuthenticationException ex) when (!cancellationToken.IsCancellationRequested)
        {
            await tls.DisposeAsync();
            throw new MariaDbConnectionException(
                $"TLS handshake with {Endpoint} failed: {rejection() ?? ex.Message}", ex);
        }
        catch (Exception ex) when (Translate(ex, "negotiating TLS", deadline, source, cancellationToken) is { } translated)
        {
            await tls.DisposeAsync();
            throw translated;
        }
        finally
        {
            source?.Dispose();
        }
    }

    public ValueTask DisposeAsync()
    {
        _watchdog.Dispose();
        return _stream.DisposeAsync();
    }

    /// <summary>Closes the socket at once, without a goodbye; pending and later reads fail.</summary>
    public void Abort() => _stream.Dispose();

    private void CheckBeforeWaiting(Deadline deadline, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!deadline.IsInfinite && deadline.Remaining == TimeSpan.Zero)
            throw deadline.Expired(Endpoint);
    }

    private Exception? Translate(
        Exception ex, string doing, Deadline deadline, CancellationTokenSource? source, CancellationToken cancellationToken)
    {
        // The watchdog's reason comes first: the stream it closed fails in many ways, even as an orderly end of data.
        if (_watchdog.Reason == IoAbortReason.Cancelled || (cancellationToken.IsCancellationRequested && ex is not MariaDbException))
            return new OperationCanceledException($"{Deadline.Describe(deadline.Operation, Endpoint)} was cancelled", ex, cancellationToken);
        if (_watchdog.Reason == IoAbortReason.Timeout || (source is { IsCancellationRequested: true } && ex is not MariaDbException))
            return deadline.Expired(Endpoint, ex);
        if (ex is MariaDbException)
            return null;
        return ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException
            ? new MariaDbConnectionException($"connection to {Endpoint} lost while {doing}: {Innermost(ex).Message}", ex)
            : null;
    }

    // A cancellation or a deadline that fired as the operation completed closed the stream all the same: the
    // operation fails like one the watchdog interrupted, so that the connection is broken rather than reused.
    private void ThrowIfFiredDuring()
    {
        if (_watchdog.Stop())
            throw new ObjectDisposedException(Endpoint, "the stream was closed by the I/O watchdog as the operation completed");
    }

    private static Exception Innermost(Exception ex) => ex.InnerException is { } inner ? Innermost(inner) : ex;
}
