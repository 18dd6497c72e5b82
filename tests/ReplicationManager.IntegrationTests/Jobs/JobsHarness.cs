using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using ReplicationManager.Core.Jobs;
using ReplicationManager.Core.Jobs.Sql;
using ReplicationManager.Core.Jobs.Streams;
using ReplicationManager.Core.Monitoring;
using ReplicationManager.Core.Options;
using ReplicationManager.Core.Topology;
using ReplicationManager.IntegrationTests.Lab;
using ReplicationManager.IntegrationTests.MariaDb;
using ReplicationManager.MariaDb;

namespace ReplicationManager.IntegrationTests.Jobs;

/// <summary>A job engine on the lab cluster, with the test playing the job script's part.</summary>
internal sealed class JobsHarness : IAsyncDisposable
{
    private JobsHarness(LabEnvironment lab, ClusterOptions cluster, string datadir, JobHistory history)
    {
        Lab = lab;
        Cluster = cluster;
        Datadir = datadir;
        Destinations = new JobDestinations(datadir, cluster.Name);
        Engine = NewEngine("test-process-1", history);
    }

    public LabEnvironment Lab { get; }

    public ClusterOptions Cluster { get; }

    public string Datadir { get; }

    public JobDestinations Destinations { get; }

    public JobEngine Engine { get; private set; }

    private bool KeepRows { get; init; }

    /// <param name="keepRows">Leave the lab's job rows alone (a test watching rows of another repman).</param>
    public static async Task<JobsHarness> CreateAsync(string extraConfig = "", bool keepRows = false)
    {
        var lab = LabEnvironment.Require();
        var datadir = Path.Combine(Path.GetTempPath(), "repman-jobs-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(datadir);
        var hosts = string.Join(",", lab.Hosts.Select(host => $"{host.Address}:{host.Port}"));
        var config = Path.Combine(datadir, "config.toml");
        File.WriteAllText(config, $"""
            [Default]
            monitoring-datadir = "{datadir}"
            [jobs-test]
            db-servers-hosts = "{hosts}"
            db-servers-credential = "{lab.RepmanUser}:{lab.RepmanPassword}"
            monitoring-address = "127.0.0.1"
            {extraConfig}
            """);
        var cluster = ConfigurationLoader.Load(config).Options.Clusters[0];
        var harness = new JobsHarness(lab, cluster, datadir, await LoadHistoryAsync(cluster, datadir)) { KeepRows = keepRows };
        if (!keepRows)
            await harness.DeleteRowsAsync(CancellationToken.None);
        return harness;
    }

    public static ServerAddress AddressOf(LabHost host) => new(host.Address, host.Port);

    /// <summary>Replaces the engine as a restarted repman would: a new process id over the same history and data.</summary>
    public async Task<JobEngine> RestartAsync(string processId)
    {
        Engine = NewEngine(processId, await LoadHistoryAsync(Cluster, Datadir));
        return Engine;
    }

    private static Task<JobHistory> LoadHistoryAsync(ClusterOptions cluster, string datadir) =>
        JobHistory.LoadAsync(cluster.Name, cluster.Monitoring.Hosts, new ServerStateJobHistoryStore(new ServerStateStore(datadir)), 100, CancellationToken.None);

    /// <summary>Ticks the engine until the job is over.</summary>
    public async Task<Job> DriveAsync(Task<Job> completion, CancellationToken cancellationToken)
    {
        while (!completion.IsCompleted)
        {
            await Engine.TickAsync(cancellationToken);
            await Task.WhenAny(completion, Task.Delay(100, cancellationToken));
        }
        return await completion;
    }

    public async Task<JobRow> WaitForRowAsync(ServerAddress server, long id, Func<JobRow, bool> condition, CancellationToken cancellationToken)
    {
        while (true)
        {
            var rows = await WithConnectionAsync(server, connection => JobsTable.ReadAsync(connection, cancellationToken), cancellationToken);
            if (rows.FirstOrDefault(row => row.Id == id) is { } row && condition(row))
                return row;
            await Task.Delay(50, cancellationToken);
        }
    }

    /// <summary>Runs SQL on a lab host the way the job script does: as the repman user, without binary logging.</summary>
    public async Task<T> WithConnectionAsync<T>(ServerAddress server, Func<MariaDbConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var connection = await LabConnections.OpenAsync(Lab, server.Host, server.Port, cancellationToken);
        await connection.ExecuteAsync($"SET SESSION sql_log_bin = 0", cancellationToken);
        return await work(connection);
    }

    public Task SetRowAsync(ServerAddress server, long id, JobState state, string result, CancellationToken cancellationToken) =>
        WithConnectionAsync(server, connection => connection.ExecuteAsync(
            $"UPDATE replication_manager_schema.jobs SET state = {(int)state}, done = {(state is JobState.Finished ? 1 : 0)}, result = {result} WHERE id = {id}",
            cancellationToken), cancellationToken);

    /// <summary>Streams a file with socat from the lab host's own address, as dbjobs_new does.</summary>
    public static async Task SendWithSocatAsync(string file, LabHost from, JobRow row, CancellationToken cancellationToken)
    {
        var (sent, error) = await TrySendWithSocatAsync(file, from, row, cancellationToken);
        Assert.True(sent, $"socat failed: {error}");
    }

    /// <summary>The same, for a test whose receiver may cut the stream: whether socat sent it all, and its errors.</summary>
    public static async Task<(bool Sent, string Error)> TrySendWithSocatAsync(string file, LabHost from, JobRow row, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("socat") { RedirectStandardError = true };
        foreach (var arg in new[] { "-u", $"OPEN:{file}", $"TCP:{row.Server}:{row.Port},bind={from.Address}" })
            start.ArgumentList.Add(arg);
        using var socat = Process.Start(start)!;
        var error = await socat.StandardError.ReadToEndAsync(cancellationToken);
        await socat.WaitForExitAsync(cancellationToken);
        return (socat.ExitCode == 0, error);
    }

    /// <summary>Sends part of the bytes, then resets the connection: a sender killed mid-stream.</summary>
    public static async Task SendAndResetAsync(byte[] bytes, int count, JobRow row, CancellationToken cancellationToken)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Parse(row.Server!), row.Port!.Value, cancellationToken);
        await socket.SendAsync(bytes.AsMemory(0, count), cancellationToken);
        socket.LingerState = new LingerOption(true, 0);
        socket.Close();
    }

    public string WriteRandomFile(int bytes)
    {
        var path = Path.Combine(Datadir, "payload-" + Guid.NewGuid().ToString("N") + ".bin");
        File.WriteAllBytes(path, System.Security.Cryptography.RandomNumberGenerator.GetBytes(bytes));
        return path;
    }

    public async Task DeleteRowsAsync(CancellationToken cancellationToken)
    {
        foreach (var host in Lab.Hosts)
        {
            await WithConnectionAsync(AddressOf(host), async connection =>
            {
                var exists = await connection.QueryScalarAsync<long>(
                    $"SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = 'replication_manager_schema' AND TABLE_NAME = 'jobs'", cancellationToken);
                if (exists > 0)
                    await connection.ExecuteAsync($"DELETE FROM replication_manager_schema.jobs WHERE task IN ('errorlog', 'slowquery', 'auditlog', 'mariabackup', 'optimize')", cancellationToken);
                return exists;
            }, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Engine.DisposeAsync();
        if (!KeepRows)
            await DeleteRowsAsync(CancellationToken.None);
        Directory.Delete(Datadir, recursive: true);
    }

    private JobEngine NewEngine(string processId, JobHistory history) => new(
        Cluster,
        history,
        new SqlJobBoard(Cluster, processId, NullLogger.Instance),
        new ReceiverPortPool(Cluster.Scheduler.SenderPorts),
        Destinations,
        TimeProvider.System,
        NullLogger<JobEngine>.Instance,
        processId);
}
