using ReplicationManager.MariaDb.Io;

namespace ReplicationManager.Core.Tests.MariaDb;

public sealed class IoWatchdogTests
{
    [Fact]
    public async Task ClosesTheStreamWhenTheDeadlinePasses()
    {
        var aborted = new TaskCompletionSource();
        using var watchdog = new IoWatchdog(() => aborted.TrySetResult());

        watchdog.Watch(Deadline.Start(TimeSpan.FromMilliseconds(50), IoOperation.Read), CancellationToken.None);

        await aborted.Task.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        Assert.Equal(IoAbortReason.Timeout, watchdog.Reason);
    }

    [Fact]
    public async Task LeavesTheStreamAloneOnceStopped()
    {
        var aborts = 0;
        using var watchdog = new IoWatchdog(() => Interlocked.Increment(ref aborts));

        for (var i = 0; i < 100; i++)
        {
            watchdog.Watch(Deadline.Start(TimeSpan.FromMilliseconds(30), IoOperation.Read), CancellationToken.None);
            watchdog.Stop();
        }
        await Task.Delay(100, TestContext.Current.CancellationToken);

        Assert.Equal(0, aborts);
        Assert.Equal(IoAbortReason.None, watchdog.Reason);
    }

    [Fact]
    public void ClosesTheStreamWhenTheCallerCancels()
    {
        var aborts = 0;
        using var watchdog = new IoWatchdog(() => aborts++);
        using var cancellation = new CancellationTokenSource();

        watchdog.Watch(Deadline.Start(Timeout.InfiniteTimeSpan, IoOperation.Read), cancellation.Token);
        cancellation.Cancel();

        Assert.Equal(1, aborts);
        Assert.Equal(IoAbortReason.Cancelled, watchdog.Reason);
    }

    [Fact]
    public void StopSaysTheWatchdogFiredEvenWhenTheOperationCompletedFirst()
    {
        // The race a write load met at its end: the read had its data, then the token fired before Stop. The stream
        // is closed, so the transport must report the operation as cancelled rather than let the connection be reused.
        using var watchdog = new IoWatchdog(() => { });
        using var cancellation = new CancellationTokenSource();

        watchdog.Watch(Deadline.Start(Timeout.InfiniteTimeSpan, IoOperation.Read), CancellationToken.None);
        Assert.False(watchdog.Stop());
        watchdog.Watch(Deadline.Start(Timeout.InfiniteTimeSpan, IoOperation.Read), cancellation.Token);
        cancellation.Cancel();

        Assert.True(watchdog.Stop());
    }

    [Fact]
    public void IgnoresATokenCancelledAfterItsOperationEnded()
    {
        var aborts = 0;
        using var watchdog = new IoWatchdog(() => aborts++);
        using var earlier = new CancellationTokenSource();
        using var later = new CancellationTokenSource();

        watchdog.Watch(Deadline.Start(Timeout.InfiniteTimeSpan, IoOperation.Read), earlier.Token);
        watchdog.Stop();
        watchdog.Watch(Deadline.Start(Timeout.InfiniteTimeSpan, IoOperation.Read), later.Token);
        earlier.Cancel();

        Assert.Equal(0, aborts);
    }
}
