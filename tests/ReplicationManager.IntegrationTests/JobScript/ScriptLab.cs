using System.Text.Json;
using ReplicationManager.Core.Jobs;
using ReplicationManager.Core.Topology;
using ReplicationManager.IntegrationTests.Api;
using ReplicationManager.IntegrationTests.Jobs;
using ReplicationManager.IntegrationTests.Lab;

namespace ReplicationManager.IntegrationTests.JobScript;

/// <summary>
/// The real repman on the lab with the job script run over the lab's sshd (its key, its known_hosts): jobs are asked
/// for through the API, and <c>run-jobs</c> runs the script on a host, as <c>scheduler-jobs-ssh</c> does.
/// </summary>
internal sealed class ScriptLab : IAsyncDisposable
{
    public const string Cluster = "scripts";

    private ScriptLab(LabEnvironment lab, RepmanTestConfig config, RepmanServerProcess repman, RepmanApiClient api)
    {
        Lab = lab;
        Config = config;
        Repman = repman;
        Api = api;
    }

    public LabEnvironment Lab { get; }

    public RepmanTestConfig Config { get; }

    public RepmanServerProcess Repman { get; private set; }

    public RepmanApiClient Api { get; private set; }

    /// <param name="extraHosts">Hosts the cluster has besides the lab's topology (a fresh host to reseed).</param>
    public static async Task<ScriptLab> StartAsync(string mode, CancellationToken ct, string extra = "", string? credential = null, bool knownHosts = true,
        IReadOnlyList<LabHost>? extraHosts = null)
    {
        var lab = LabEnvironment.Require();
        var config = new RepmanTestConfig(Section(lab, [.. lab.Hosts, .. extraHosts ?? []], mode, extra, credential ?? $"{lab.RepmanUser}:{lab.RepmanPassword}", knownHosts));
        var repman = await RepmanServerProcess.StartAsync(config.ConfigPath, config.HttpPort, ct);
        try
        {
            return new ScriptLab(lab, config, repman, await RepmanApiClient.LoginAsync(config, ct));
        }
        catch
        {
            await repman.DisposeAsync();
            config.Dispose();
            throw;
        }
    }

    /// <summary>Kills repman (as kill -9) and starts it again on the same configuration and data directory.</summary>
    public async Task RestartAsync(CancellationToken ct)
    {
        Api.Dispose();
        await Repman.DisposeAsync();
        Repman = await RepmanServerProcess.StartAsync(Config.ConfigPath, Config.HttpPort, ct);
        Api = await RepmanApiClient.LoginAsync(Config, ct);
    }

    public static ServerAddress Address(LabHost host) => new(host.Address, host.Port);

    public static string Id(LabHost host) => ServerIdentity.IdOf(Address(host));

    public string ServerFolder(LabHost host) => Path.Combine(Config.Datadir, Cluster, Address(host).FolderName);

    public string BackupFolder(LabHost host) => Path.Combine(Config.Datadir, "Backups", Cluster, Address(host).FolderName);

    /// <summary>Asks for a job on a host (an action of servers/{id}/actions/), retried until the engine takes it.</summary>
    public Task<long> StartAsync(string action, LabHost host, CancellationToken ct) => Api.StartJobAsync(Cluster, Address(host), action, ct);

    /// <summary>Runs the job script on a host over SSH now, and returns that run's job once it ended.</summary>
    public async Task<JsonElement> RunScriptAsync(LabHost host, CancellationToken ct) =>
        await WaitForEndAsync(host, await StartAsync("run-jobs", host, ct), ct);

    public Task<JsonElement> WaitForEndAsync(LabHost host, long id, CancellationToken ct, TimeSpan? deadline = null) =>
        Api.WaitForJobEndAsync(Cluster, Address(host), id, deadline ?? TimeSpan.FromSeconds(180), ct);

    public static string Result(JsonElement job) => job.GetProperty("result").GetString() ?? "";

    public static JobState State(JsonElement job) => (JobState)job.GetProperty("state").GetInt32();

    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        await Repman.DisposeAsync();
        Config.Dispose();
    }

    private static string Section(LabEnvironment lab, IReadOnlyList<LabHost> hosts, string mode, string extra, string credential, bool knownHosts) => $"""
        [{Cluster}]
        db-servers-hosts = "{string.Join(",", hosts.Select(host => $"{host.Address}:{host.Port}"))}"
        db-servers-credential = {Toml(credential)}
        replication-credential = "{lab.ReplicationUser}:{lab.ReplicationPassword}"
        monitoring-address = "127.0.0.1"
        monitoring-ticker = 1
        scheduler-jobs-mode = "{mode}"
        onpremise-ssh = true
        onpremise-ssh-credential = "{lab.SshUser}"
        onpremise-ssh-private-key = "{lab.SshKeyPath}"
        {(knownHosts ? $"onpremise-ssh-known-hosts = \"{lab.SshKnownHostsPath}\"" : "")}
        scheduler-jobs-ssh-timeout = 240
        {extra}
        """;

    /// <summary>A TOML basic string holding exactly <paramref name="value"/>.</summary>
    public static string Toml(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)
        .Replace("\n", "\\n", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal) + "\"";
}
