using ReplicationManager.Core.Jobs.Streams;

namespace ReplicationManager.Core.Tests.Jobs.Streams;

public sealed class ReceiverPortPoolTests
{
    [Fact]
    public void WithoutAPinnedPoolAPortIsAlwaysFreeAtOnceAndTheSystemChoosesIt()
    {
        var pool = new ReceiverPortPool([]);

        using var lease = pool.TryAcquire();

        Assert.Equal(0, Assert.IsType<PortLease>(lease).Port);
    }

    [Fact]
    public void APinnedPortIsFreeAtOnceUntilItIsLeasedAndAgainOnceGivenBack()
    {
        var pool = new ReceiverPortPool([4444]);

        var first = pool.TryAcquire();
        Assert.Equal(4444, first?.Port);
        Assert.Null(pool.TryAcquire());
        first!.Dispose();

        using var again = pool.TryAcquire();
        Assert.Equal(4444, again?.Port);
    }

    [Fact]
    public async Task APortGivenBackGoesToTheTransferWaitingForItNotToOneAskingAtOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        var pool = new ReceiverPortPool([4444]);
        var held = await pool.AcquireAsync(ct);
        var waiting = pool.AcquireAsync(ct);

        held.Dispose();

        Assert.Null(pool.TryAcquire());
        using var handedOver = await waiting;
        Assert.Equal(4444, handedOver.Port);
    }
}
