using System.Text.Json;
using ReplicationManager.Core.Jobs;

namespace ReplicationManager.IntegrationTests.JobScript;

/// <summary>
/// Logical backups listed in <c>scheduler-jobs-exec-remote</c>: made by the job script on the database host, streamed
/// to repman, checked complete, recorded with their coordinates and pruned like the dumps repman makes itself.
/// </summary>
public sealed class RemoteDumpOverSshTests
{
    [Theory(Timeout = 300_000)]
    [InlineData("mysqldump", ".sql.gz")]
    [InlineData("mydumper", "")]
    public async Task ARemoteDumpIsRecordedWithItsGtidAndRetentionRemovesTheOlderOne(string tool, string extension)
    {
        var ct = TestContext.Current.CancellationToken;
        // Written through the primary first: on a fresh lab the replica has no GTID yet, and its backup would record none.
        await using var schema = await LocalTaskLab.TestSchema.CreateAsync(Lab.LabEnvironment.Require(), ct);
        await schema.WaitForReplicasAsync(ct);
        await using var lab = await ScriptLab.StartAsync("sql", ct, $"""
            backup-logical-type = "{tool}"
            scheduler-jobs-exec-remote = "{tool}"
            """);
        var host = lab.Lab.Replicas[0];

        var first = await DumpAsync(lab, host, ct);
        var second = await DumpAsync(lab, host, ct);

        Assert.Equal(tool, second.GetProperty("task").GetString());
        Assert.Contains("recorded ", ScriptLab.Result(second), StringComparison.Ordinal);
        var artifact = second.GetProperty("path").GetString()!;
        Assert.EndsWith(extension, artifact, StringComparison.Ordinal);
        Assert.True(File.Exists(artifact) || Directory.Exists(artifact), artifact);
        using var metadata = JsonDocument.Parse(await File.ReadAllTextAsync(artifact[..^extension.Length] + ".meta.json", ct));
        Assert.False(string.IsNullOrEmpty(metadata.RootElement.GetProperty("gtid").GetString()), metadata.RootElement.ToString());
        Assert.Equal(second.GetProperty("position").GetProperty("gtid").GetString(), metadata.RootElement.GetProperty("gtid").GetString());

        var older = first.GetProperty("path").GetString()!;
        Assert.False(File.Exists(older) || Directory.Exists(older), $"retention kept {older}");
        var (_, history) = await lab.Api.SendAsync(HttpMethod.Get, $"/api/clusters/{ScriptLab.Cluster}/servers/{ScriptLab.Id(host)}/jobs", ct);
        var firstNow = history.EnumerateArray().Single(job => job.GetProperty("id").GetInt64() == first.GetProperty("id").GetInt64());
        Assert.Contains("backup removed by retention", ScriptLab.Result(firstNow), StringComparison.Ordinal);
    }

    private static async Task<JsonElement> DumpAsync(ScriptLab lab, Lab.LabHost host, CancellationToken ct)
    {
        var id = await lab.StartAsync("backup-logical", host, ct);
        var run = await lab.RunScriptAsync(host, ct);
        Assert.True(ScriptLab.State(run) == JobState.Success, ScriptLab.Result(run));
        var job = await lab.WaitForEndAsync(host, id, ct);
        Assert.True(ScriptLab.State(job) == JobState.Success, ScriptLab.Result(job));
        return job;
    }
}
