using ReplicationManager.Server.Api.Auth;
using ReplicationManager.Server.Tests.Fakes;

namespace ReplicationManager.Server.Tests.Api;

public sealed class LoginThrottleTests
{
    [Fact]
    public void TheThirdFailureLocksAndReportsTheLockout()
    {
        var throttle = new LoginThrottle(new ManualTimeProvider());
        Assert.Null(throttle.Failed("a"));
        Assert.Null(throttle.Failed("a"));
        Assert.Null(throttle.LockedFor("a"));
        Assert.Equal(LoginThrottle.LockoutDuration, throttle.Failed("a"));
        Assert.Equal(LoginThrottle.LockoutDuration, throttle.LockedFor("a"));
    }

    [Fact]
    public void FailuresFarApartDoNotAddUp()
    {
        var time = new ManualTimeProvider();
        var throttle = new LoginThrottle(time);
        throttle.Failed("a");
        throttle.Failed("a");
        time.Advance(LoginThrottle.LockoutDuration);
        Assert.Null(throttle.Failed("a"));
        Assert.Null(throttle.LockedFor("a"));
    }

    [Fact]
    public void TheLockoutCountsDownAndEnds()
    {
        var time = new ManualTimeProvider();
        var throttle = new LoginThrottle(time);
        for (var i = 0; i < LoginThrottle.MaxFailures; i++)
            throttle.Failed("a");
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(LoginThrottle.LockoutDuration - TimeSpan.FromMinutes(1), throttle.LockedFor("a"));
        time.Advance(LoginThrottle.LockoutDuration);
        Assert.Null(throttle.LockedFor("a"));
        Assert.Null(throttle.Failed("a"));
    }

    [Fact]
    public void ManyClientsAreSweptOnceStale()
    {
        var time = new ManualTimeProvider();
        var throttle = new LoginThrottle(time);
        for (var i = 0; i < 10_000; i++)
            throttle.Failed($"10.0.{i / 256}.{i % 256}");
        time.Advance(LoginThrottle.LockoutDuration);
        Assert.Null(throttle.Failed("fresh"));
        Assert.Null(throttle.Failed("fresh"));
        Assert.NotNull(throttle.Failed("fresh"));
    }
}
