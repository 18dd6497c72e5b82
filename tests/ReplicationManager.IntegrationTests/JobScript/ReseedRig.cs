using System.Diagnostics;
using System.Text.Json;
using ReplicationManager.Core.Jobs;
using ReplicationManager.IntegrationTests.Api;
using ReplicationManager.IntegrationTests.Lab;
using ReplicationManager.IntegrationTests.LocalTaskLab;
using ReplicationManager.IntegrationTests.MariaDb;

namespace ReplicationManager.IntegrationTests.JobScript;

/// <summary>
/// What a reseed test starts from: the lab with a test schema, a fresh standalone host (the joiner, holding a marker
/// database of its own), repman in API mode with SSH, and a checked physical backup of a replica.
/// </summary>
internal sealed class ReseedRig : IAsyncDisposable
{
    private const string Marker = "joiner_own_data";

    private ReseedRig(ScriptLab lab, TestSchema schema, FreshHost fresh, string backupId, string backupGtid)
    {
        Lab = lab;
        Schema = schema;
        Fresh = fresh;
        BackupId = backupId;
        BackupGtid = backupGtid;
    }

    public ScriptLab Lab { get; }

    public TestSchema Schema { get; }

    public FreshHost Fresh { get; }

    public LabHost Joiner => Fresh.Host;

    public string BackupId { get; }

    public string BackupGtid { get; }

    public string NewDataDir => Joiner.DataDir.TrimEnd('/') + ".reseed-new";

    public string OldDataDir => Joiner.DataDir.TrimEnd('/') + ".reseed-old";

    /// <param name="extra">Configuration lines for the cluster (a slow send, to be inside the transfer).</param>
    /// <param name="physicalBackup">Take the physical backup (a logical reseed needs none).</param>
    /// <param name="joinerSizeMb">The joiner's disk: a tmpfs of that many MB, nearly full once its server is made.</param>
    public static async Task<ReseedRig> StartAsync(CancellationToken ct, string extra = "", bool physicalBackup = true, int? joinerSizeMb = null)
    {
        var lab0 = LabEnvironment.Require();
        var schema = await TestSchema.CreateAsync(lab0, ct);
        FreshHost? fresh = null;
        ScriptLab? lab = null;
        try
        {
            fresh = await FreshHost.CreateAsync(lab0, ct, joinerSizeMb);
            await using (var joiner = await LabConnections.OpenAsync(lab0, fresh.Host, ct))
                await joiner.ExecuteAsync($"CREATE DATABASE {ReplicationManager.MariaDb.Sql.Identifier(Marker)}", ct);
            await schema.WaitForReplicasAsync(ct);
            lab = await ScriptLab.StartAsync("api", ct, "scheduler-jobs-post-timeout = 180\n" + extra, extraHosts: [fresh.Host]);
            var (id, gtid) = physicalBackup ? await BackUpAReplicaAsync(lab, lab0.Replicas[0], ct) : ("", "");
            return new ReseedRig(lab, schema, fresh, id, gtid);
        }
        catch
        {
            if (lab is not null)
                await lab.DisposeAsync();
            if (fresh is not null)
                await fresh.DisposeAsync();
            await schema.DisposeAsync();
            throw;
        }
    }

    public static async Task<(string Id, string Gtid)> BackUpAReplicaAsync(ScriptLab lab, LabHost replica, CancellationToken ct)
    {
        await lab.StartAsync("backup-physical", replica, ct);
        await lab.RunScriptAsync(replica, ct);
        JsonElement backup = default;
        await Eventually.WaitUntilAsync("the physical backup is checked and listed", TimeSpan.FromSeconds(180), async () =>
        {
            var (status, jobs) = await lab.Api.SendAsync(HttpMethod.Get, $"/api/clusters/{ScriptLab.Cluster}/servers/{ScriptLab.Id(replica)}/jobs", ct);
            backup = status == 200 ? jobs.EnumerateArray().FirstOrDefault(job => job.GetProperty("task").GetString() == JobTasks.Mariabackup && job.GetProperty("state").GetInt32() >= 4) : default;
            return (backup.ValueKind == JsonValueKind.Object, backup.ToString());
        }, ct);
        Assert.True(ScriptLab.State(backup) == JobState.Success, ScriptLab.Result(backup));
        var path = backup.GetProperty("path").GetString()!;
        return (Path.GetFileNameWithoutExtension(path), backup.GetProperty("position").GetProperty("gtid").GetString()!);
    }

    public Task<(int Status, JsonElement Body)> ReseedAsync(bool confirm, CancellationToken ct, string? backup = null, string method = "physicalbackup", string? donor = null) =>
        Lab.Api.SendAsync(HttpMethod.Post,
            $"/api/clusters/{ScriptLab.Cluster}/servers/{Joiner.Address}/{Joiner.Port}/actions/reseed/{method}?confirm={(confirm ? "true" : "false")}" +
            (backup is null ? "" : "&backup=" + backup) + (donor is null ? "" : "&donor=" + donor), ct);

    public async Task<bool> HasMarkerAsync(CancellationToken ct)
    {
        await using var joiner = await LabConnections.OpenAsync(Lab.Lab, Joiner, ct);
        return await joiner.QueryScalarAsync<long>($"SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = {Marker}", ct) == 1;
    }

    /// <summary>The reseed job an answer of <see cref="ReseedAsync"/> started, once it ended.</summary>
    public async Task<JsonElement> EndOfAsync((int Status, JsonElement Body) started, CancellationToken ct)
    {
        Assert.True(started.Status == 202, started.Body.ToString());
        return await Lab.WaitForEndAsync(Joiner, started.Body.GetProperty("job").GetProperty("id").GetInt64(), ct, TimeSpan.FromSeconds(240));
    }

    /// <summary>Starts a confirmed reseed and returns its job's id once the joiner has begun to receive the backup.</summary>
    public async Task<long> StartInsideTheTransferAsync(CancellationToken ct)
    {
        var started = await ReseedAsync(confirm: true, ct);
        Assert.True(started.Status == 202, started.Body.ToString());
        await Eventually.WaitUntilAsync("the joiner receives the backup", TimeSpan.FromSeconds(120),
            () => Task.FromResult((Directory.Exists(NewDataDir) && Directory.EnumerateFileSystemEntries(NewDataDir).Any(), NewDataDir)), ct);
        return started.Body.GetProperty("job").GetProperty("id").GetInt64();
    }

    /// <summary>Once the script's run ended: the joiner still holds its own data and nothing was left beside it.</summary>
    public async Task AssertKeptItsDataAsync(CancellationToken ct)
    {
        await WaitForScriptToEndAsync(ct);
        Assert.True(await HasMarkerAsync(ct), "the joiner lost its own data");
        Assert.False(Directory.Exists(NewDataDir), "the received copy was left beside the data directory");
    }

    /// <summary>Waits until no run of the job script holds the joiner's run lock (a run outlives the repman that started it).</summary>
    public async Task WaitForScriptToEndAsync(CancellationToken ct)
    {
        var lockFile = Path.Combine(Path.GetDirectoryName(Joiner.DataDir.TrimEnd('/'))!, "dbjobs", "run.lock");
        await Eventually.WaitUntilAsync("the interrupted run of the job script ends", TimeSpan.FromSeconds(120), async () =>
        {
            using var probe = Process.Start(new ProcessStartInfo("flock", ["-n", lockFile, "true"]) { RedirectStandardError = true })!;
            await probe.WaitForExitAsync(ct);
            return (probe.ExitCode == 0 && !Directory.Exists(NewDataDir), $"flock exit {probe.ExitCode}, {NewDataDir} exists: {Directory.Exists(NewDataDir)}");
        }, ct);
    }

    public async ValueTask DisposeAsync()
    {
        await Lab.DisposeAsync();
        await Fresh.DisposeAsync();
        await Schema.DisposeAsync();
    }
}
