using System.Text.Json;
using System.Text.Json.Nodes;
using ReplicationManager.Core.Topology;

namespace ReplicationManager.Core.Jobs;

/// <summary>
/// Keeps the job history as the <c>jobs</c> member of <c>{datadir}/{cluster}/{host}_{port}/serverstate.json</c>,
/// leaving the file's other members as they are. Written atomically: a temporary file, then a rename.
/// </summary>
public sealed class ServerStateJobHistoryStore(string datadir) : IJobHistoryStore
{
    private const string Member = "jobs";
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    private readonly object _gate = new();

    public IReadOnlyList<JobRecord> Load(string cluster, ServerAddress server)
    {
        lock (_gate)
        {
            var document = Read(PathOf(cluster, server));
            return document?[Member]?.Deserialize<List<JobRecord>>(Json) ?? [];
        }
    }

    public void Save(string cluster, ServerAddress server, IReadOnlyList<JobRecord> jobs)
    {
        lock (_gate)
        {
            var path = PathOf(cluster, server);
            var document = Read(path) ?? [];
            document[Member] = JsonSerializer.SerializeToNode(jobs, Json);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
            var temporary = path + ".jobs.tmp";
            File.WriteAllText(temporary, document.ToJsonString(Json));
            File.Move(temporary, path, overwrite: true);
        }
    }

    private string PathOf(string cluster, ServerAddress server) =>
        System.IO.Path.Combine(datadir, cluster, server.FolderName, "serverstate.json");

    private static JsonObject? Read(string path)
    {
        if (!File.Exists(path))
            return null;
        try
        {
            return JsonNode.Parse(File.ReadAllText(path)) as JsonObject;
        }
        catch (JsonException)
        {
            // A damaged file is replaced by the next save rather than stopping the job engine.
            return null;
        }
    }
}
