using ReplicationManager.Core.Reporting;

namespace ReplicationManager.Core.Tests.Reporting;

public sealed class ChangeSignalTests
{
    [Fact]
    public void APulseCompletesTheTaskTakenBeforeItAndNotTheNextOne()
    {
        var signal = new ChangeSignal();
        var before = signal.Next;
        Assert.False(before.IsCompleted);

        signal.Pulse();

        Assert.True(before.IsCompletedSuccessfully);
        Assert.False(signal.Next.IsCompleted);
    }
}
