using System.IO.Pipelines;

namespace ReplicationManager.Core.Tests.MariaDb;

/// <summary>
/// One end of an in-memory connection: reads what the other end writes, and the other way round. Disposing it fails
/// its pending reads and writes at once, as closing a socket does.
/// </summary>
internal sealed class DuplexStream(Stream input, Stream output) : Stream
{
    private readonly CancellationTokenSource _closed = new();

    public static (DuplexStream Client, DuplexStream Server) CreatePair()
    {
        var toServer = new Pipe();
        var toClient = new Pipe();
        return (new DuplexStream(toClient.Reader.AsStream(), toServer.Writer.AsStream()),
                new DuplexStream(toServer.Reader.AsStream(), toClient.Writer.AsStream()));
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_closed.IsCancellationRequested, this);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _closed.Token);
        try
        {
            return await input.ReadAsync(buffer, linked.Token);
        }
        catch (OperationCanceledException) when (_closed.IsCancellationRequested)
        {
            throw new IOException("the stream was closed");
        }
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_closed.IsCancellationRequested, this);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _closed.Token);
        try
        {
            await output.WriteAsync(buffer, linked.Token);
        }
        catch (OperationCanceledException) when (_closed.IsCancellationRequested)
        {
            throw new IOException("the stream was closed");
        }
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => output.FlushAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("async only");

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("async only");

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_closed.IsCancellationRequested)
        {
            _closed.Cancel();
            input.Dispose();
            output.Dispose();
            _closed.Dispose();
        }
        base.Dispose(disposing);
    }
}
