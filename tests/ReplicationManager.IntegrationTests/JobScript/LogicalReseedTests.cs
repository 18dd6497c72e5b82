using ReplicationManager.Core.Jobs;

namespace ReplicationManager.IntegrationTests.JobScript;

/// <summary>
/// replication-manager's logical reseeds, run by repman over SQL on the real lab: the newest mysqldump restored
/// into the joiner (logicalbackup), or a dump of the primary piped straight into it (logicalmaster); either way the
/// joiner loses its own databases and replicates after the dump's GTID with the primary's data.
/// </summary>
public sealed class LogicalReseedTests
{
    [Theory(Timeout = 300_000)]
    [InlineData("logicalbackup")]
    [InlineData("logicalmaster")]
    public async Task TheJoinerGetsTheDumpAndReplicatesAfterItsGtid(string method)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var rig = await ReseedRig.StartAsync(ct, physicalBackup: false);
        if (method == "logicalbackup")
        {
            var replica = rig.Lab.Lab.Replicas[0];
            var dump = await rig.Lab.WaitForEndAsync(replica, await rig.Lab.StartAsync("backup-logical", replica, ct), ct);
            Assert.True(ScriptLab.State(dump) == JobState.Success, ScriptLab.Result(dump));
        }

        var job = await rig.EndOfAsync(await rig.ReseedAsync(confirm: true, ct, method: method), ct);

        Assert.True(ScriptLab.State(job) == JobState.Success, ScriptLab.Result(job));
        Assert.Equal(JobTasks.ReseedMysqldump, job.GetProperty("task").GetString());
        Assert.Contains("dropped joiner_own_data", ScriptLab.Result(job), StringComparison.Ordinal);
        Assert.Contains($"replicating from {rig.Lab.Lab.Primary.Address}:{rig.Lab.Lab.Primary.Port} after GTID", ScriptLab.Result(job), StringComparison.Ordinal);
        await PhysicalBackupRestore.WaitCaughtUpAsync(rig.Lab.Lab, rig.Joiner, ct);
        Assert.Equal(await rig.Schema.ChecksumsAsync(rig.Lab.Lab.Primary, ct), await rig.Schema.ChecksumsAsync(rig.Joiner, ct));
        Assert.False(await rig.HasMarkerAsync(ct));
    }
}
