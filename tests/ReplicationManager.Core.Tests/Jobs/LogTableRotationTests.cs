using ReplicationManager.Core.Jobs.Local;

namespace ReplicationManager.Core.Tests.Jobs;

public sealed class LogTableRotationTests
{
    [Fact]
    public void CopiesAreNamedAfterTheirUtcTime()
    {
        Assert.Equal("slow_log_20261122030405", LogTableRotation.CopyName("slow_log", new DateTimeOffset(2026, 11, 22, 5, 4, 5, TimeSpan.FromHours(2))));
    }

    [Fact]
    public void TheOldestCopiesBeyondKeepExpire()
    {
        string[] tables = ["slow_log_20261120000000", "slow_log_20261122000000", "slow_log_20261121000000", "general_log_20261101000000",
            "slow_log_buffer", "slow_log_new", "slow_log_2026112200000", "slow_log_20261119000000"];

        Assert.Equal(new[] { "slow_log_20261120000000", "slow_log_20261119000000" }, LogTableRotation.Expired(tables, "slow_log", 2));
        Assert.Equal(new[] { "general_log_20261101000000" }, LogTableRotation.Expired(tables, "general_log", 0));
        Assert.Empty(LogTableRotation.Expired(tables, "general_log", 12));
    }
}
