using System.Collections.Concurrent;
using System.Text.Encodings.Web;
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

    private static readonly JsonSerializerOptions WriteOptions = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

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
    /// <param name="durable">
    /// Flush the file to disk before the rename. A write that only has to survive repman being killed (not the host
    /// crashing) can skip it, which a busy scheduler writing a file per job needs.
    /// </param>
    public async Task UpdateAsync(string cluster, ServerAddress server, IReadOnlyDictionary<string, JsonNode?> sections,
        CancellationToken cancellationToken, bool durable = true)
    {
        ArgumentNullException.ThrowIfNull(sections);
        var path = PathOf(cluster, server);
        var gate = Gate(path);
        await gate.WaitAsync(cancellationToken);
        try
        {
            JsonObject document;
            try
            {
                document = await ReadFileAsync(path, cancellationToken) ?? [];
            }
            catch (JsonException)
            {
                document = []; // A corrupt file is replaced rather than blocking every later save.
            }
            foreach (var (name, section) in sections)
            {
                if (section is null)
                    document.Remove(name);
                else
                    document[name] = section.DeepClone();
            }
            cancellationToken.ThrowIfCancellationRequested();
            AtomicJsonFile.Write(path, document, WriteOptions, durable);
        }
        finally
        {
            gate.Release();
        }
    }

    private SemaphoreSlim Gate(string path) => _locks.GetOrAdd(path, _ => new SemaphoreSlim(1, 1));

    // A few kilobytes: read whole, at once (an asynchronous stream would cost more than the read).
    private static Task<JsonObject?> ReadFileAsync(string path, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return Task.FromResult<JsonObject?>(null);
        }
        return Task.FromResult<JsonObject?>(JsonNode.Parse(bytes) as JsonObject ?? throw new JsonException($"{path} does not hold a JSON object"));
    }
}
