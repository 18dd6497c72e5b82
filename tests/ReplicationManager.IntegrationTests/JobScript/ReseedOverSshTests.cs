using System.Text.Json;
using ReplicationManager.Core.Jobs;
using ReplicationManager.IntegrationTests.Api;
using ReplicationManager.IntegrationTests.LocalTaskLab;
using ReplicationManager.IntegrationTests.MariaDb;

namespace ReplicationManager.IntegrationTests.JobScript;

/// <summary>
/// A reseed as the spec draws it, on the real lab: a physical backup of a replica taken by the job script over SSH,
/// sent by repman to a joiner's SST port, where the script receives, prepares and swaps it in, and repman re-points
/// the joiner at the backup's GTID. A repman killed mid-reseed leaves the joiner on its own data.
/// </summary>
public sealed class ReseedOverSshTests
{
    [Fact(Timeout = 480_000)]
    public async Task AFreshServerReseededFromAStoredBackupReplicatesAtItsGtidWithThePrimarysData()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var rig = await ReseedRig.StartAsync(ct);

        var (status, backups) = await rig.Lab.Api.SendAsync(HttpMethod.Get, $"/api/clusters/{ScriptLab.Cluster}/backups", ct);
        Assert.Equal(200, status);
        var listed = backups.EnumerateArray().Single(backup => backup.GetProperty("id").GetString() == rig.BackupId);
        Assert.Equal(("physical", "mariabackup", rig.BackupGtid), (listed.GetProperty("kind").GetString(), listed.GetProperty("tool").GetString(), listed.GetProperty("gtid").GetString()));
        Assert.True(listed.GetProperty("size").GetInt64() > 0);

        var refused = await rig.ReseedAsync(confirm: false, ct);
        Assert.Equal(409, refused.Status);
        Assert.Contains($"would get backup {rig.BackupId}", refused.Body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var job = await rig.EndOfAsync(await rig.ReseedAsync(confirm: true, ct), ct);

        Assert.True(ScriptLab.State(job) == JobState.Success, ScriptLab.Result(job) + rig.Lab.Repman.Output[^Math.Min(3000, rig.Lab.Repman.Output.Length)..]);
        Assert.Contains($"replicating from {rig.Lab.Lab.Primary.Address}:{rig.Lab.Lab.Primary.Port} after GTID {rig.BackupGtid}", ScriptLab.Result(job), StringComparison.Ordinal);
        Assert.Equal(rig.BackupGtid, job.GetProperty("position").GetProperty("gtid").GetString());
        await PhysicalBackupRestore.WaitCaughtUpAsync(rig.Lab.Lab, rig.Joiner, ct);
        Assert.Equal(await rig.Schema.ChecksumsAsync(rig.Lab.Lab.Primary, ct), await rig.Schema.ChecksumsAsync(rig.Joiner, ct));
        Assert.False(await rig.HasMarkerAsync(ct));
        await Eventually.WaitUntilAsync("the old data directory is removed once the joiner replicates", TimeSpan.FromSeconds(60),
            () => Task.FromResult((!Directory.Exists(rig.OldDataDir), rig.OldDataDir)), ct);
    }

    [Fact(Timeout = 480_000)]
    public async Task ABackupThatDoesNotExtractOnTheJoinerLeavesItsOldDataUntouched()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var rig = await ReseedRig.StartAsync(ct);
        var artifact = Path.Combine(rig.Lab.BackupFolder(rig.Lab.Lab.Replicas[0]), rig.BackupId + ".xbstream");
        await using (var file = new FileStream(artifact, FileMode.Open, FileAccess.Write))
            file.SetLength(file.Length / 2);

        var job = await rig.EndOfAsync(await rig.ReseedAsync(confirm: true, ct), ct);

        Assert.Equal(JobState.Error, ScriptLab.State(job));
        Assert.Contains("the old data is untouched", ScriptLab.Result(job), StringComparison.Ordinal);
        await rig.AssertKeptItsDataAsync(ct);
    }

    [Fact(Timeout = 480_000)]
    public async Task AReseedCancelledDuringTheTransferLeavesTheJoinerOnItsOldData()
    {
        var ct = TestContext.Current.CancellationToken;
        // At 2 MiB/s the lab's backup takes several seconds to send: the cancel comes inside the transfer.
        await using var rig = await ReseedRig.StartAsync(ct, "sst-send-max-rate = 2");
        var started = await rig.StartInsideTheTransferAsync(ct);

        var (status, cancelled) = await rig.Lab.Api.SendAsync(HttpMethod.Post,
            $"/api/clusters/{ScriptLab.Cluster}/servers/{rig.Joiner.Address}/{rig.Joiner.Port}/actions/reseed-cancel", ct);

        Assert.True(status == 200, cancelled.ToString());
        var job = await rig.Lab.WaitForEndAsync(rig.Joiner, started, ct);
        Assert.Equal(JobState.Error, ScriptLab.State(job));
        Assert.Contains("cancelled by user", ScriptLab.Result(job), StringComparison.Ordinal);
        await rig.AssertKeptItsDataAsync(ct);
    }

    [Fact(Timeout = 480_000)]
    public async Task AJoinerWithoutRoomIsRefusedBeforeAnythingIsSentAndKeepsItsData()
    {
        var ct = TestContext.Current.CancellationToken;
        // A fresh server takes about 46 MB: on 100 MB, less is free than any backup needs (its size, a tenth, 64 MiB).
        await using var rig = await ReseedRig.StartAsync(ct, joinerSizeMb: 100);

        var job = await rig.EndOfAsync(await rig.ReseedAsync(confirm: true, ct), ct);

        Assert.Equal(JobState.Error, ScriptLab.State(job));
        Assert.Contains($"{rig.Joiner.Address}:{rig.Joiner.Port} has ", ScriptLab.Result(job), StringComparison.Ordinal);
        Assert.Contains($"bytes free beside its data directory; backup {rig.BackupId} needs", ScriptLab.Result(job), StringComparison.Ordinal);
        Assert.Contains("nothing was sent, its data is untouched", ScriptLab.Result(job), StringComparison.Ordinal);
        await rig.AssertKeptItsDataAsync(ct);
    }

    [Fact(Timeout = 480_000)]
    public async Task ALiveDonorsFreshBackupIsRelayedToTheJoinerAsItArrivesAndKept()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var rig = await ReseedRig.StartAsync(ct, physicalBackup: false);
        var donor = rig.Lab.Lab.Replicas[0];

        var started = await rig.ReseedAsync(confirm: true, ct, donor: ScriptLab.Id(donor));
        Assert.True(started.Status == 202, started.Body.ToString());
        Assert.Contains($"a fresh mariabackup of {donor.Address}:{donor.Port} (taken now, relayed by repman as it arrives)", started.Body.GetProperty("plan").GetString(), StringComparison.Ordinal);
        var job = await rig.Lab.WaitForEndAsync(rig.Joiner, started.Body.GetProperty("job").GetProperty("id").GetInt64(), ct, TimeSpan.FromSeconds(240));

        Assert.True(ScriptLab.State(job) == JobState.Success, ScriptLab.Result(job));
        await PhysicalBackupRestore.WaitCaughtUpAsync(rig.Lab.Lab, rig.Joiner, ct);
        Assert.Equal(await rig.Schema.ChecksumsAsync(rig.Lab.Lab.Primary, ct), await rig.Schema.ChecksumsAsync(rig.Joiner, ct));
        var (_, jobs) = await rig.Lab.Api.SendAsync(HttpMethod.Get, $"/api/clusters/{ScriptLab.Cluster}/servers/{ScriptLab.Id(donor)}/jobs", ct);
        var backup = jobs.EnumerateArray().First(candidate => candidate.GetProperty("task").GetString() == JobTasks.Mariabackup);
        await Eventually.WaitUntilAsync("the donor's backup is kept and checked too", TimeSpan.FromSeconds(120), async () =>
        {
            var found = (await rig.Lab.WaitForEndAsync(donor, backup.GetProperty("id").GetInt64(), ct)).GetProperty("state").GetInt32();
            return (found == (int)JobState.Success, found.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }, ct);
    }

    [Fact(Timeout = 480_000)]
    public async Task ABackupOnlyInResticIsRestoredAndSentWhenItsSnapshotIsNamed()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var rig = await ReseedRig.StartAsync(ct, """
            backup-restic = true
            backup-restic-password = "restic-lab-Pa55"
            """);
        var (_, backups) = await rig.Lab.Api.SendAsync(HttpMethod.Get, $"/api/clusters/{ScriptLab.Cluster}/backups", ct);
        var archived = backups.EnumerateArray().Single(backup => backup.GetProperty("id").GetString() == rig.BackupId);
        var snapshot = archived.GetProperty("snapshot").GetString()!;
        var artifact = archived.GetProperty("path").GetString()!;
        File.Delete(artifact);
        File.Delete(artifact[..^".xbstream".Length] + ".meta.json");

        var unconfirmed = await rig.ReseedAsync(confirm: false, ct, snapshot);
        Assert.Equal(409, unconfirmed.Status);
        Assert.Contains($"would get backup restic snapshot {snapshot}", unconfirmed.Body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var job = await rig.EndOfAsync(await rig.ReseedAsync(confirm: true, ct, snapshot), ct);

        Assert.True(ScriptLab.State(job) == JobState.Success, ScriptLab.Result(job));
        await PhysicalBackupRestore.WaitCaughtUpAsync(rig.Lab.Lab, rig.Joiner, ct);
        Assert.Equal(await rig.Schema.ChecksumsAsync(rig.Lab.Lab.Primary, ct), await rig.Schema.ChecksumsAsync(rig.Joiner, ct));
    }

    [Fact(Timeout = 480_000)]
    public async Task RepmanKilledDuringTheTransferLeavesTheJoinerOnItsOldDataAndTheNextReseedSucceeds()
    {
        var ct = TestContext.Current.CancellationToken;
        // At 2 MiB/s the lab's backup takes several seconds to send: repman is killed inside the transfer.
        await using var rig = await ReseedRig.StartAsync(ct, "sst-send-max-rate = 2");

        await rig.StartInsideTheTransferAsync(ct);
        await rig.Lab.RestartAsync(ct);

        await rig.AssertKeptItsDataAsync(ct);
        var (_, jobs) = await rig.Lab.Api.SendAsync(HttpMethod.Get, $"/api/clusters/{ScriptLab.Cluster}/servers/{ScriptLab.Id(rig.Joiner)}/jobs", ct);
        var first = jobs.EnumerateArray().First(job => job.GetProperty("task").GetString() == JobTasks.ReseedMariabackup);
        Assert.Equal(JobState.Error, ScriptLab.State(first));

        Assert.Contains("restarted", ScriptLab.Result(first), StringComparison.Ordinal);
        var job = await rig.EndOfAsync(await rig.ReseedAsync(confirm: true, ct), ct);
        Assert.True(ScriptLab.State(job) == JobState.Success, ScriptLab.Result(job));
        await PhysicalBackupRestore.WaitCaughtUpAsync(rig.Lab.Lab, rig.Joiner, ct);
        Assert.Equal(await rig.Schema.ChecksumsAsync(rig.Lab.Lab.Primary, ct), await rig.Schema.ChecksumsAsync(rig.Joiner, ct));
    }
}
