using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using ReplicationManager.Core.Storage;
using ReplicationManager.Core.Topology;

namespace ReplicationManager.Core.Monitoring;

/// <summary>
/// Each server's <c>{monitoring-datadir}/{cluster}/{host}_{port}/serverstate.json</c>: one JSON object whose
/// top-level sections belong to different components. Monitoring owns <c>monitoring</c> (state, role, probe times,
/// GTIDs, binary log position, extra port), <c>variables</c>, <c>status</c> and <c>slavestatus</c> (the names
/// replication-manager uses); another component adds its own section (the scheduler's <c>jobs</c>, say) with
/// <see cref="UpdateAsync"/>, and every section it does not name is kept as it is.
/// Writes are atomic (a temporary file in the same directory, then a rename) and serialized per file.
/// </summary>
public sealed class ServerStateStore(string datadir)
{
    public const string FileName = "serverstate.json";

    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new(StringComparer.Ordinal);

    /// <summary>The state file of a server.</summary>
    public string PathOf(string cluster, ServerAddress server)
    {
        ArgumentNullException.ThrowIfNull(server);
        return Path.Combine(datadir, cluster, server.FolderName, FileName);
    }

    /// <summary>The whole state file, or null when there is none.</summary>
    /// <exception cref="JsonException">The file is not a JSON object.</exception>
    public async Task<JsonObject?> ReadAsync(string cluster, ServerAddress server, CancellationToken cancellationToken)
    {
        var path = PathOf(cluster, server);
        var gate = Gate(path);
        await gate.WaitAsync(cancellationToken);
        try
        {
            return await ReadFileAsync(path, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Replaces the named top-level sections (a null value removes one) and keeps every other section.</summary>
    /// <param name="durable">See the overload taking serialized sections.</param>
    public Task UpdateAsync(string cluster, ServerAddress server, IReadOnlyDictionary<string, JsonNode?> sections, CancellationToken cancellationToken, bool durable = true)
    {
        ArgumentNullException.ThrowIfNull(sections);
        return UpdateAsync(cluster, server, sections.ToDictionary(section => section.Key, section => section.Value is null ? null : JsonSections.Serialize(section.Value)),
            cancellationToken, durable);
    }

    /// <summary>
    /// Replaces the named top-level sections, each given as <see cref="JsonSections.Serialize{T}"/> made it (a null
    /// value removes one), and keeps every other section as it stands in the file.
    /// </summary>
    /// <param name="durable">
    /// Flush the file to disk before the rename. A write that only has to survive repman being killed (not the host
    /// crashing) can skip it, which a busy scheduler writing a file per job needs.
    /// </param>
    public async Task UpdateAsync(string cluster, ServerAddress server, IReadOnlyDictionary<string, byte[]?> sections,
        CancellationToken cancellationToken, bool durable = true)
    {
        ArgumentNullException.ThrowIfNull(sections);
        var path = PathOf(cluster, server);
        var gate = Gate(path);
        await gate.WaitAsync(cancellationToken);
        try
        {
            List<KeyValuePair<string, ReadOnlyMemory<byte>>> kept;
            try
            {
                // The other sections are copied as they stand in the file, not parsed and written again.
                kept = ReadBytes(path) is { } bytes ? JsonSections.Split(bytes) : [];
            }
            catch (JsonException)
            {
                kept = []; // A corrupt file is replaced rather than blocking every later save.
            }
            cancellationToken.ThrowIfCancellationRequested();
            AtomicJsonFile.Write(path, JsonSections.Join(kept, sections), durable);
        }
        finally
        {
            gate.Release();
        }
    }

    private SemaphoreSlim Gate(string path) => _locks.GetOrAdd(path, _ => new SemaphoreSlim(1, 1));

    // Tens of kilobytes: read whole, at once (an asynchronous stream would cost more than the read).
    private static Task<JsonObject?> ReadFileAsync(string path, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(ReadBytes(path) is { } bytes
            ? JsonNode.Parse(bytes) as JsonObject ?? throw new JsonException($"{path} does not hold a JSON object")
            : null);
    }

    private static byte[]? ReadBytes(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }
}
