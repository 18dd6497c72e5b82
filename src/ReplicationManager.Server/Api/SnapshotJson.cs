using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using ReplicationManager.Core.Options;
using ReplicationManager.Core.Topology;

namespace ReplicationManager.Server.Api;

/// <summary>
/// The JSON of a route that shows a cluster snapshot as it is, serialized once per snapshot (a tick) and options
/// (a reload) and then served as bytes to every request of that tick: a fleet's topology costs one serialization
/// per tick, not one per request. Entries go with their snapshot (weakly held).
/// </summary>
internal sealed class SnapshotJson(IOptions<JsonOptions> json)
{
    public const string ContentType = "application/json; charset=utf-8";

    private readonly JsonSerializerOptions _options = json.Value.SerializerOptions;
    private readonly ConditionalWeakTable<ClusterSnapshot, Entries> _cache = [];

    /// <summary>The UTF-8 JSON of <paramref name="build"/>'s value for this snapshot, options and route.</summary>
    public byte[] Of<T>(ClusterSnapshot snapshot, RepmanOptions options, string route, Func<T> build)
    {
        var entries = _cache.GetValue(snapshot, _ => new Entries());
        lock (entries)
        {
            if (entries.TryGetValue(route, out var cached) && ReferenceEquals(cached.Options, options))
                return cached.Bytes;
        }
        var bytes = JsonSerializer.SerializeToUtf8Bytes(build(), _options);
        lock (entries)
            entries[route] = (options, bytes);
        return bytes;
    }

    private sealed class Entries : Dictionary<string, (RepmanOptions Options, byte[] Bytes)>
    {
        public Entries()
            : base(StringComparer.Ordinal)
        {
        }
    }
}
