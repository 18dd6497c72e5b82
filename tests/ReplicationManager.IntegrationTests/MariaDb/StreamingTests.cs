using System.Diagnostics;
using ReplicationManager.IntegrationTests.Lab;

namespace ReplicationManager.IntegrationTests.MariaDb;

public sealed class StreamingTests
{
    [Fact(Timeout = 120_000)]
    public async Task StreamsAMillionRowsWithoutBufferingThem()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = await LabConnections.OpenPrimaryAsync(LabEnvironment.Require(), ct);
        await db.PingAsync(ct);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();

        long rows = 0, sum = 0, textLength = 0;
        await using (var reader = await db.ExecuteReaderAsync($"SELECT seq, CONCAT('row-', seq) FROM mysql.seq_1_to_1000000", ct))
        {
            while (await reader.ReadAsync(ct))
            {
                rows++;
                sum += reader[0].GetInt64();
                textLength += reader[1].Raw.Length;
            }
        }

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        TestContext.Current.TestOutputHelper?.WriteLine($"1M rows in {watch.ElapsedMilliseconds} ms, {allocated / 1024} KiB allocated");
        Assert.Equal(1_000_000, rows);
        Assert.Equal(500_000_500_000, sum);
        Assert.Equal(9_888_896, textLength);
        Assert.True(allocated < 4 * 1024 * 1024, $"{allocated} bytes allocated for a million rows: rows are being buffered or boxed");
    }
}
