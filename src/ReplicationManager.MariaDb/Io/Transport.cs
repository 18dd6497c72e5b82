using System.Net.Security;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Security.Authentication;

namespace ReplicationManager.MariaDb.Io;

/// <summary>
/// The byte stream to one server (a socket, later perhaps wrapped in TLS). Every read and write is bounded by a
/// <see cref="Deadline"/> and the caller's token, and every failure comes out as a typed exception naming the endpoint.
/// </summary>
internal sealed class Transport(Stream stream, string endpoint) : IAsyncDisposable
{
    private Stream _stream = stream;

    public string Endpoint { get; } = endpoint;

    public SslStream? Tls => _stream as SslStream;

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<int> ReadAsync(Memory<byte> buffer, Deadline deadline, CancellationToken cancellationToken)
    {
        var source = Begin(deadline, cancellationToken);
        try
        {
            var read = await _stream.ReadAsync(buffer, source?.Token ?? cancellationToken);
            return read > 0 ? read : throw new MariaDbConnectionException($"connection to {Endpoint} closed by the server");
        }
        catch (Exception ex) when (Translate(ex, "reading", deadline, source, cancellationToken) is { } translated)
        {
            throw translated;
        }
        finally
        {
            source?.Dispose();
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, Deadline deadline, CancellationToken cancellationToken)
    {
        var source = Begin(deadline, cancellationToken);
        try
        {
            await _stream.WriteAsync(buffer, source?.Token ?? cancellationToken);
        }
        catch (Exception ex) when (Translate(ex, "writing", deadline, source, cancellationToken) is { } translated)
        {
            throw translated;
        }
        finally
        {
            source?.Dispose();
        }
    }

    /// <summary>Wraps the stream in TLS; <paramref name="rejection"/> tells why the certificate callback said no.</summary>
    public async Task UpgradeToTlsAsync(
        SslClientAuthenticationOptions options, Func<string?> rejection, Deadline deadline, CancellationToken cancellationToken)
    {
        var tls = new SslStream(_stream, leaveInnerStreamOpen: false);
        var source = Begin(deadline, cancellationToken);
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

    public ValueTask DisposeAsync() => _stream.DisposeAsync();

    /// <summary>Closes the socket at once, without a goodbye; pending and later reads fail.</summary>
    public void Abort() => _stream.Dispose();

    private CancellationTokenSource? Begin(Deadline deadline, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!deadline.IsInfinite && deadline.Remaining == TimeSpan.Zero)
            throw deadline.Expired(Endpoint);
        return deadline.CreateTokenSource(cancellationToken);
    }

    private Exception? Translate(
        Exception ex, string doing, Deadline deadline, CancellationTokenSource? source, CancellationToken cancellationToken)
    {
        if (ex is MariaDbException)
            return null;
        if (cancellationToken.IsCancellationRequested)
            return new OperationCanceledException($"{Deadline.Describe(deadline.Operation, Endpoint)} was cancelled", ex, cancellationToken);
        if (source is { IsCancellationRequested: true })
            return deadline.Expired(Endpoint, ex);
        return ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException
            ? new MariaDbConnectionException($"connection to {Endpoint} lost while {doing}: {Innermost(ex).Message}", ex)
            : null;
    }

    private static Exception Innermost(Exception ex) => ex.InnerException is { } inner ? Innermost(inner) : ex;
}
