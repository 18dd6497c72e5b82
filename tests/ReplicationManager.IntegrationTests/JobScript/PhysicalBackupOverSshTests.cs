using System.Text.Json;
using ReplicationManager.Core.Jobs;
using ReplicationManager.IntegrationTests.Api;
using ReplicationManager.IntegrationTests.LocalTaskLab;

namespace ReplicationManager.IntegrationTests.JobScript;

/// <summary>
/// A scheduled physical backup of a replica, taken by the job script over SSH and streamed to repman, lands, is
/// extracted and prepared there before it is listed, and a fresh server made from it joins replication at the GTID
/// recorded for it, with the primary's data.
/// </summary>
public sealed class PhysicalBackupOverSshTests
{
    [Theory(Timeout = 420_000)]
    [InlineData("sql")]
    [InlineData("api")]
    public async Task AScheduledBackupOfAReplicaMakesAReplicaThatJoinsAtItsGtid(string mode)
    {
        var ct = TestContext.Current.CancellationToken;
        var lab0 = Lab.LabEnvironment.Require();
        await using var schema = await TestSchema.CreateAsync(lab0, ct);
        await schema.WaitForReplicasAsync(ct);
        var replica = lab0.Replicas[0];
        await using var lab = await ScriptLab.StartAsync(mode, ct, $"""
            monitoring-scheduler = true
            db-servers-backup-hosts = "{replica.Address}:{replica.Port}"
            scheduler-db-servers-physical-backup = true
            scheduler-db-servers-physical-backup-cron = "*/20 * * * * *"
            scheduler-jobs-ssh = true
            scheduler-jobs-ssh-cron = "*/5 * * * * *"
            """);

        JsonElement backup = default;
        await Eventually.WaitUntilAsync("a scheduled physical backup is checked and listed", TimeSpan.FromSeconds(180), async () =>
        {
            var (status, jobs) = await lab.Api.SendAsync(HttpMethod.Get, $"/api/clusters/{ScriptLab.Cluster}/servers/{ScriptLab.Id(replica)}/jobs", ct);
            var done = status == 200 ? jobs.EnumerateArray().FirstOrDefault(job => job.GetProperty("task").GetString() == "mariabackup" && ScriptLab.State(job) == JobState.Success) : default;
            backup = done;
            return (done.ValueKind == JsonValueKind.Object, lab.Repman.Output[^Math.Min(3000, lab.Repman.Output.Length)..]);
        }, ct);
        await lab.Api.SendAsync(HttpMethod.Post, $"/api/clusters/{ScriptLab.Cluster}/settings/actions/switch/monitoring-scheduler", ct);

        var artifact = backup.GetProperty("path").GetString()!;
        var gtid = backup.GetProperty("position").GetProperty("gtid").GetString()!;
        Assert.Contains("checked: extracted with mbstream and prepared with mariabackup", ScriptLab.Result(backup), StringComparison.Ordinal);
        Assert.Equal(mode == "api" ? "Api" : "Sql", backup.GetProperty("mode").GetString());
        using var metadata = JsonDocument.Parse(await File.ReadAllTextAsync(artifact[..^".xbstream".Length] + ".meta.json", ct));
        Assert.Equal(gtid, metadata.RootElement.GetProperty("gtid").GetString());
        Assert.Equal(backup.GetProperty("sha256").GetString(), metadata.RootElement.GetProperty("sha256").GetString());

        await using var fresh = await FreshHost.CreateAsync(lab.Lab, ct);
        await PhysicalBackupRestore.IntoAsync(lab.Lab, fresh.Host, artifact, gtid, ct);
        await PhysicalBackupRestore.WaitCaughtUpAsync(lab.Lab, fresh.Host, ct);
        Assert.Equal(await schema.ChecksumsAsync(lab.Lab.Primary, ct), await schema.ChecksumsAsync(fresh.Host, ct));
    }
}
