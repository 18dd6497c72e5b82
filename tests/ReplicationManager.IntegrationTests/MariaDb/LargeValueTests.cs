using System.Security.Cryptography;
using ReplicationManager.IntegrationTests.Lab;

namespace ReplicationManager.IntegrationTests.MariaDb;

/// <summary>Values that need packets over 16 MB both ways (the lab allows 64 MB).</summary>
public sealed class LargeValueTests
{
    private const int TwentyMegabytes = 20 * 1024 * 1024;

    [Fact(Timeout = 120_000)]
    public async Task WritesAndReadsBackA20MBBlob()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var schema = await ScratchSchema.CreateAsync(LabEnvironment.Require(), ct);
        var db = schema.Connection;
        var blob = RandomNumberGenerator.GetBytes(TwentyMegabytes);
        await db.ExecuteAsync($"CREATE TABLE big (id INT PRIMARY KEY, b LONGBLOB)", ct);

        await db.ExecuteAsync($"INSERT INTO big VALUES ({1}, {blob})", ct);
        var read = await db.QueryScalarAsync<byte[]>($"SELECT b FROM big WHERE id = {1}", ct);

        Assert.Equal(TwentyMegabytes, await db.QueryScalarAsync<int>($"SELECT LENGTH(b) FROM big", ct));
        Assert.True(blob.AsSpan().SequenceEqual(read));
    }

    [Fact(Timeout = 120_000)]
    public async Task WritesAndReadsBackA20MBString()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var schema = await ScratchSchema.CreateAsync(LabEnvironment.Require(), ct);
        var db = schema.Connection;
        var text = string.Concat(Enumerable.Repeat("it's \\ \"q\" ✓ 🎉 ", TwentyMegabytes / 20));
        await db.ExecuteAsync($"CREATE TABLE big (id INT PRIMARY KEY, t LONGTEXT)", ct);

        await db.ExecuteAsync($"INSERT INTO big VALUES ({1}, {text})", ct);
        var read = await db.QueryScalarAsync<string>($"SELECT t FROM big WHERE id = {1}", ct);

        Assert.Equal(text.Length, read.Length);
        Assert.True(text == read);
    }
}
