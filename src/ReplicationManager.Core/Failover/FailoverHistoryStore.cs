using System.Text.Json;
using System.Text.Json.Serialization;
using ReplicationManager.Core.Storage;
using ReplicationManager.Core.Topology;

namespace ReplicationManager.Core.Failover;

/// <summary>
/// <c>{datadir}/{cluster}/failover.json</c>: the failover counter, the time of the last change, the servers waiting to
/// rejoin and a change under way. Written atomically and flushed to disk, since a restart must repair what it says.
/// </summary>
public sealed class FailoverHistoryStore(string datadir)
{
    public const string FileName = "failover.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new ServerAddressTextJsonConverter() },
    };

    public string PathOf(string cluster) => Path.Combine(datadir, cluster, FileName);

    /// <summary>The saved history; <see cref="FailoverHistory.None"/> when there is none; throws when the file is unreadable.</summary>
    public async Task<FailoverHistory> ReadAsync(string cluster, CancellationToken cancellationToken)
    {
        var path = PathOf(cluster);
        if (!File.Exists(path))
            return FailoverHistory.None;
        await using var stream = File.OpenRead(path);
        return await JsonSerializer.DeserializeAsync<FailoverHistory>(stream, Json, cancellationToken)
            ?? throw new JsonException($"{path} holds null");
    }

    public Task WriteAsync(string cluster, FailoverHistory history, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        AtomicJsonFile.Write(PathOf(cluster), history, Json, durable: true);
        return Task.CompletedTask;
    }
}
