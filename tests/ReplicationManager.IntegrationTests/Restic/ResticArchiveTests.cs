using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using ReplicationManager.Core.Jobs;
using ReplicationManager.IntegrationTests.JobScript;
using ReplicationManager.IntegrationTests.LocalTaskLab;

namespace ReplicationManager.IntegrationTests.Restic;

/// <summary>
/// backup-restic against Debian's restic with a local repository: every complete backup is archived with its
/// metadata and tags, the keep rules are applied to the server's backups of that tool, the backups route shows
/// what is where, and a snapshot restores the very bytes repman recorded.
/// </summary>
public sealed class ResticArchiveTests
{
    private const string Password = "restic-lab-Pa55";

    [Fact(Timeout = 300_000)]
    public async Task BackupsAreArchivedTaggedKeptByTheRulesListedAndRestoreWhole()
    {
        var ct = TestContext.Current.CancellationToken;
        // Written through the primary first: on a fresh lab the replica has no GTID yet, and its dump would carry none.
        await using var schema = await TestSchema.CreateAsync(Lab.LabEnvironment.Require(), ct);
        await schema.WaitForReplicasAsync(ct);
        await using var lab = await ScriptLab.StartAsync("api", ct, $"""
            backup-restic = true
            backup-restic-password = "{Password}"
            """);
        var host = lab.Lab.Replicas[0];

        var first = await DumpAsync(lab, host, ct);
        var second = await DumpAsync(lab, host, ct);

        Assert.Contains("archived as restic snapshot", ScriptLab.Result(second), StringComparison.Ordinal);
        Assert.True(ScriptLab.Result(second).Contains("retention kept 1, removed 1", StringComparison.Ordinal), ScriptLab.Result(second));
        var repository = Path.Combine(lab.Config.Datadir, "Backups", "archive", ScriptLab.Cluster);
        using var snapshots = JsonDocument.Parse(await ResticAsync(repository, ct, "snapshots", "--json"));
        var snapshot = Assert.Single(snapshots.RootElement.EnumerateArray());
        var tags = snapshot.GetProperty("tags").EnumerateArray().Select(tag => tag.GetString()).ToList();
        var artifact = second.GetProperty("path").GetString()!;
        using var metadata = JsonDocument.Parse(await File.ReadAllTextAsync(artifact[..^".sql.gz".Length] + ".meta.json", ct));
        var gtid = metadata.RootElement.GetProperty("gtid").GetString()!;
        Assert.Equal([$"cluster={ScriptLab.Cluster}", $"server={ScriptLab.Address(host).FolderName}", "tool=mysqldump", "kind=logical", $"gtid={gtid.Replace(',', '+')}"], tags);
        Assert.Contains(artifact, snapshot.GetProperty("paths").EnumerateArray().Select(path => path.GetString()));

        var (status, backups) = await lab.Api.SendAsync(HttpMethod.Get, $"/api/clusters/{ScriptLab.Cluster}/backups", ct);
        Assert.Equal(200, status);
        var listed = Assert.Single(backups.EnumerateArray());
        Assert.Equal((snapshot.GetProperty("short_id").GetString(), true, gtid),
            (listed.GetProperty("snapshot").GetString(), listed.GetProperty("local").GetBoolean(), listed.GetProperty("gtid").GetString()));
        Assert.DoesNotContain(first.GetProperty("path").GetString(), backups.EnumerateArray().Select(backup => backup.GetProperty("path").GetString()));

        var target = Path.Combine(lab.Config.Datadir, "restored");
        await ResticAsync(repository, ct, "restore", snapshot.GetProperty("short_id").GetString()!, "--target", target);
        var restored = Path.Combine(target, artifact.TrimStart('/'));
        Assert.Equal(second.GetProperty("sha256").GetString(), Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(restored, ct))));
    }

    [Fact(Timeout = 300_000)]
    public async Task ABackupThatCannotBeArchivedIsAJobErrorNamingWhy()
    {
        var ct = TestContext.Current.CancellationToken;
        var repository = Path.Combine(Path.GetTempPath(), $"repman-restic-{Guid.NewGuid():N}");
        await File.WriteAllTextAsync(repository, "a file where the repository should be", ct);
        try
        {
            await using var lab = await ScriptLab.StartAsync("api", ct, $"""
                backup-restic = true
                backup-restic-password = "{Password}"
                backup-restic-repository = "{repository}/repo"
                """);
            var host = lab.Lab.Replicas[0];

            var id = await lab.StartAsync("backup-logical", host, ct);
            var job = await lab.WaitForEndAsync(host, id, ct);

            Assert.Equal(JobState.Error, ScriptLab.State(job));
            Assert.Contains($"the backup is kept and listed but the restic repository {repository}/repo cannot be opened or created", ScriptLab.Result(job), StringComparison.Ordinal);
            Assert.True(File.Exists(job.GetProperty("path").GetString()), "the backup itself was lost");
        }
        finally
        {
            File.Delete(repository);
        }
    }

    private static async Task<JsonElement> DumpAsync(ScriptLab lab, Lab.LabHost host, CancellationToken ct)
    {
        var id = await lab.StartAsync("backup-logical", host, ct);
        var job = await lab.WaitForEndAsync(host, id, ct);
        Assert.True(ScriptLab.State(job) == JobState.Success, ScriptLab.Result(job));
        return job;
    }

    private static async Task<string> ResticAsync(string repository, CancellationToken ct, params string[] arguments)
    {
        var start = new ProcessStartInfo("restic") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        start.Environment["RESTIC_REPOSITORY"] = repository;
        start.Environment["RESTIC_PASSWORD"] = Password;
        start.Environment["RESTIC_CACHE_DIR"] = Path.Combine(Path.GetTempPath(), "repman-restic-test-cache");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var error = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        Assert.True(process.ExitCode == 0, $"restic {string.Join(' ', arguments)}: {await error}");
        return await output;
    }
}
