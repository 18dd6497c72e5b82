using ReplicationManager.Core.Jobs;
using ReplicationManager.Core.Reseed;

namespace ReplicationManager.Core.Tests.Reseed;

/// <summary>The relay reads a receiver's file as it grows, ends only at the end of a whole stream, and fails with it.</summary>
public sealed class RelayStreamTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"repman-relay-{Guid.NewGuid():N}");
    private RelayView _view = new(null, StreamStatus.None, null, null);

    [Fact]
    public async Task ReadsWhatArrivesWaitsForMoreAndEndsWhenTheSenderClosed()
    {
        await using var relay = new RelayStream(() => _view, TimeSpan.FromSeconds(30), TimeProvider.System);
        await File.WriteAllBytesAsync(_path, [1, 2, 3], TestContext.Current.CancellationToken);
        _view = new RelayView(_path, StreamStatus.Open, null, null);
        var buffer = new byte[16];

        var first = await relay.ReadAsync(buffer, TestContext.Current.CancellationToken);
        var pending = relay.ReadAsync(buffer, TestContext.Current.CancellationToken).AsTask();
        await Task.Delay(50, TestContext.Current.CancellationToken);
        var waited = !pending.IsCompleted;
        await using (var append = new FileStream(_path, FileMode.Append))
            await append.WriteAsync(new byte[] { 4, 5 }, TestContext.Current.CancellationToken);
        var second = await pending;
        _view = _view with { SenderClosedAt = 5 };
        var end = await relay.ReadAsync(buffer, TestContext.Current.CancellationToken);

        Assert.Equal((3, true, 2, 0), (first, waited, second, end));
    }

    [Fact]
    public async Task AFailedStreamFailsTheRead()
    {
        await using var relay = new RelayStream(() => _view, TimeSpan.FromSeconds(30), TimeProvider.System);
        await File.WriteAllBytesAsync(_path, [1, 2, 3], TestContext.Current.CancellationToken);
        _view = new RelayView(_path, StreamStatus.Failed("stream cut: ConnectionReset"), null, null);
        var buffer = new byte[16];

        Assert.Equal(3, await relay.ReadAsync(buffer, TestContext.Current.CancellationToken));
        var failure = await Assert.ThrowsAsync<IOException>(async () => _ = await relay.ReadAsync(buffer, TestContext.Current.CancellationToken));

        Assert.Equal("the donor's stream failed: stream cut: ConnectionReset", failure.Message);
    }

    [Fact]
    public async Task ADonorJobThatEndedShortFailsTheRead()
    {
        await using var relay = new RelayStream(() => _view, TimeSpan.FromSeconds(30), TimeProvider.System);
        await File.WriteAllBytesAsync(_path, [1, 2, 3], TestContext.Current.CancellationToken);
        var ended = new Job { Id = 4, Task = JobTasks.Mariabackup, Target = new("db1", 3306), State = JobState.Error, Result = "mariabackup failed", Bytes = null };
        _view = new RelayView(_path, StreamStatus.None, null, ended);
        var buffer = new byte[16];

        Assert.Equal(3, await relay.ReadAsync(buffer, TestContext.Current.CancellationToken));
        var failure = await Assert.ThrowsAsync<IOException>(async () => _ = await relay.ReadAsync(buffer, TestContext.Current.CancellationToken));

        Assert.Equal("the donor's backup job 4 ended (Error) after 3 bytes: mariabackup failed", failure.Message);
    }

    public void Dispose() => File.Delete(_path);
}
