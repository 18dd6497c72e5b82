using Microsoft.Extensions.Logging.Abstractions;
using ReplicationManager.Core.Jobs;
using ReplicationManager.Core.Jobs.Api;
using ReplicationManager.Core.Jobs.Streams;
using ReplicationManager.Core.Monitoring;
using ReplicationManager.Core.Options;
using ReplicationManager.Core.Tests.Fakes;
using ReplicationManager.Core.Topology;

namespace ReplicationManager.Core.Tests.Jobs;

/// <summary>A job engine in API mode over a temporary data directory and a fake clock: no database, no network.</summary>
internal sealed class ApiModeEngine : IAsyncDisposable
{
    public static readonly ServerAddress Db2 = new("127.0.0.12", 3306);

    private ApiModeEngine(string datadir, ClusterOptions cluster, JobHistory history, FakeTimeProvider time, IJobHistoryStore store)
    {
        Datadir = datadir;
        Cluster = cluster;
        Time = time;
        Store = store;
        Destinations = new JobDestinations(datadir, cluster.Name);
        Board = new ApiJobBoard(cluster.Name, "127.0.0.1", cluster.Monitoring.Hosts, Destinations, 1, time, NullLogger.Instance);
        Engine = new JobEngine(cluster, history, Board, new ReceiverPortPool([]), Destinations, time, NullLogger<JobEngine>.Instance, "process-1");
    }

    public string Datadir { get; }

    public ClusterOptions Cluster { get; }

    public FakeTimeProvider Time { get; }

    public IJobHistoryStore Store { get; }

    public JobDestinations Destinations { get; }

    public ApiJobBoard Board { get; }

    public JobEngine Engine { get; }

    public static async Task<ApiModeEngine> CreateAsync(IJobHistoryStore? store = null, string extra = "")
    {
        var datadir = Path.Combine(Path.GetTempPath(), "repman-apimode-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(datadir);
        var config = Path.Combine(datadir, "config.toml");
        await File.WriteAllTextAsync(config, $"""
            [Default]
            monitoring-datadir = "{datadir}"
            [lab]
            db-servers-hosts = "127.0.0.11:3306,127.0.0.12:3306"
            db-servers-credential = "repman:secret"
            scheduler-jobs-mode = "api"
            scheduler-jobs-start-timeout = 60
            {extra}
            """);
        var cluster = ConfigurationLoader.Load(config).Options.Clusters[0];
        store ??= new ServerStateJobHistoryStore(new ServerStateStore(datadir));
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 6, 12, 0, 0, TimeSpan.Zero));
        var history = await JobHistory.LoadAsync(cluster.Name, cluster.Monitoring.Hosts, store, 100, CancellationToken.None);
        return new ApiModeEngine(datadir, cluster, history, time, store);
    }

    public string Cookie(string task) => Board.CookiePath(Db2, task);

    public async ValueTask DisposeAsync()
    {
        await Engine.DisposeAsync();
        Directory.Delete(Datadir, recursive: true);
    }
}
