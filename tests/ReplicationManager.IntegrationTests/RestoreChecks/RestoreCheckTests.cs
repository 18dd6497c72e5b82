using System.Text.Json;
using ReplicationManager.Core.Jobs;
using ReplicationManager.IntegrationTests.Api;
using ReplicationManager.IntegrationTests.JobScript;
using ReplicationManager.IntegrationTests.LocalTaskLab;

namespace ReplicationManager.IntegrationTests.RestoreChecks;

/// <summary>
/// Restore checks on the real lab: the newest physical and mysqldump backups restored into a scratch mariadbd on the
/// repman host, replicated up to the primary and compared with it; a backup that does not restore is flagged and
/// never offered as a reseed source.
/// </summary>
public sealed class RestoreCheckTests
{
    [Fact(Timeout = 480_000)]
    public async Task TheNewestBackupsRestoreReplicateAndMatchThePrimaryWithTheirRtoAndRpo()
    {
        var ct = TestContext.Current.CancellationToken;
        var lab0 = Lab.LabEnvironment.Require();
        await using var schema = await TestSchema.CreateAsync(lab0, ct);
        await schema.WaitForReplicasAsync(ct);
        await using var lab = await ScriptLab.StartAsync("api", ct);
        var replica = lab0.Replicas[0];
        await ReseedRig.BackUpAReplicaAsync(lab, replica, ct);
        var dump = await lab.WaitForEndAsync(replica, await lab.StartAsync("backup-logical", replica, ct), ct);
        Assert.True(ScriptLab.State(dump) == JobState.Success, ScriptLab.Result(dump));

        var (status, started) = await lab.Api.SendAsync(HttpMethod.Post, $"/api/clusters/{ScriptLab.Cluster}/actions/restore-check", ct);
        Assert.True(status == 202, started.ToString());
        var checks = await ChecksAsync(lab, replica, 2, ct);

        Assert.All(checks, check => Assert.True(ScriptLab.State(check) == JobState.Success, ScriptLab.Result(check)));
        Assert.All(checks, check => Assert.Contains("tables match the primary", ScriptLab.Result(check), StringComparison.Ordinal));
        var (_, backups) = await lab.Api.SendAsync(HttpMethod.Get, $"/api/clusters/{ScriptLab.Cluster}/backups", ct);
        foreach (var kind in new[] { "physical", "logical" })
        {
            var check = backups.EnumerateArray().First(backup => backup.GetProperty("kind").GetString() == kind).GetProperty("restoreCheck");
            Assert.True(check.GetProperty("passed").GetBoolean(), check.ToString());
            Assert.Equal("done", check.GetProperty("step").GetString());
            Assert.True(check.GetProperty("rtoSeconds").GetDouble() > 0, check.ToString());
            Assert.True(check.GetProperty("rpoSeconds").GetDouble() >= 0, check.ToString());
            Assert.True(check.GetProperty("tablesCompared").GetInt32() >= TestSchema.Tables.Count, check.ToString());
        }
    }

    [Fact(Timeout = 480_000)]
    public async Task ABackupThatDoesNotRestoreIsFlaggedAndNeverOfferedForAReseed()
    {
        var ct = TestContext.Current.CancellationToken;
        // Written through the primary first: on a fresh lab the replica has no GTID yet, and a backup without one is no candidate.
        await using var schema = await TestSchema.CreateAsync(Lab.LabEnvironment.Require(), ct);
        await schema.WaitForReplicasAsync(ct);
        await using var lab = await ScriptLab.StartAsync("api", ct);
        var replica = lab.Lab.Replicas[0];
        var (id, _) = await ReseedRig.BackUpAReplicaAsync(lab, replica, ct);
        var artifact = Path.Combine(lab.BackupFolder(replica), id + ".xbstream");
        await using (var file = new FileStream(artifact, FileMode.Open, FileAccess.Write))
            file.SetLength(file.Length / 2);

        var (status, started) = await lab.Api.SendAsync(HttpMethod.Post, $"/api/clusters/{ScriptLab.Cluster}/actions/restore-check", ct);
        Assert.True(status == 202, started.ToString());
        var check = (await ChecksAsync(lab, replica, 1, ct))[0];

        Assert.Equal(JobState.Error, ScriptLab.State(check));
        Assert.Contains($"restore check of {id}: FAILED at restore", ScriptLab.Result(check), StringComparison.Ordinal);
        var (_, backups) = await lab.Api.SendAsync(HttpMethod.Get, $"/api/clusters/{ScriptLab.Cluster}/backups", ct);
        Assert.False(backups.EnumerateArray().Single(backup => backup.GetProperty("id").GetString() == id).GetProperty("restoreCheck").GetProperty("passed").GetBoolean());
        var (refusedStatus, refused) = await lab.Api.SendAsync(HttpMethod.Post,
            $"/api/clusters/{ScriptLab.Cluster}/servers/{ScriptLab.Id(lab.Lab.Replicas[1])}/actions/reseed/physicalbackup?confirm=true", ct);
        Assert.Equal(409, refusedStatus);
        Assert.Contains("has no checked physical backup", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private static async Task<List<JsonElement>> ChecksAsync(ScriptLab lab, Lab.LabHost server, int count, CancellationToken ct)
    {
        var checks = new List<JsonElement>();
        await Eventually.WaitUntilAsync($"{count} restore checks end", TimeSpan.FromSeconds(300), async () =>
        {
            var (_, jobs) = await lab.Api.SendAsync(HttpMethod.Get, $"/api/clusters/{ScriptLab.Cluster}/servers/{ScriptLab.Id(server)}/jobs", ct);
            checks = jobs.EnumerateArray().Where(job => job.GetProperty("task").GetString() == JobTasks.RestoreCheck && ScriptLab.State(job).IsOver()).ToList();
            return (checks.Count >= count, jobs.ToString());
        }, ct);
        return checks;
    }
}
