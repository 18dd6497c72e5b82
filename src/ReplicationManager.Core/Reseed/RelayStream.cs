using ReplicationManager.Core.Jobs;

namespace ReplicationManager.Core.Reseed;

/// <summary>
/// A donor's backup read while repman receives it (the spec's relay: donor → repman's disk → joiner): the receiver's
/// file is read as it grows; the end is the end only once the receiver got the whole stream, and a stream that failed
/// (or a donor silent for <c>idle</c>) fails the read, so that the joiner is told the stream was cut.
/// </summary>
internal sealed class RelayStream(Func<RelayView> look, TimeSpan idle, TimeProvider time) : Stream
{
    // Close behind the receiver once the stream flows; slower while the donor has not started.
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan PollBeforeStart = TimeSpan.FromMilliseconds(100);
    private FileStream? _file;
    private long _position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var quietSince = time.GetUtcNow();
        while (true)
        {
            var (path, status, closedAt, ended) = look();
            if (_file is null && path is not null && File.Exists(path))
                _file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16, FileOptions.Asynchronous);
            if (_file is not null)
            {
                var read = await _file.ReadAsync(buffer, cancellationToken);
                if (read > 0)
                {
                    _position += read;
                    return read;
                }
            }
            // The donor's stream ended whole: the joiner need not wait for the receiver's flush to disk.
            if (_file is not null && (closedAt ?? (status.Kind == StreamStatusKind.Received ? status.Receipt!.Bytes : null)) is { } total && _position >= total)
                return 0;
            if (status.Kind == StreamStatusKind.Failed)
                throw new IOException($"the donor's stream failed: {status.Failure}");
            if (ended is not null)
            {
                if (ended.Bytes is { } bytes && bytes == _position)
                    return 0;
                throw new IOException($"the donor's backup job {ended.Id} ended ({ended.State}) after {_position} bytes: {ended.Result}");
            }
            if (time.GetUtcNow() - quietSince > idle)
                throw new IOException($"the donor sent nothing for {idle.TotalSeconds:0}s");
            await Task.Delay(_file is null ? PollBeforeStart : Poll, time, cancellationToken);
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("read asynchronously");

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            _file?.Dispose();
        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        if (_file is not null)
            await _file.DisposeAsync();
        await base.DisposeAsync();
    }
}
