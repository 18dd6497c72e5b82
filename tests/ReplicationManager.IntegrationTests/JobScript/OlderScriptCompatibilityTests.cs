using System.Diagnostics;
using ReplicationManager.Core.Jobs;
using ReplicationManager.IntegrationTests.Jobs;

namespace ReplicationManager.IntegrationTests.JobScript;

/// <summary>
/// replication-manager's older dbjobs_new on a host, as job-protocol.md describes it on the wire: it finds its row with
/// its own query, takes it with its own updates, streams with socat to the row's address, and ends the row with
/// state 3 and a NULL result (LOAD_FILE of its output). repman keeps the stream, checks it and ends the job in 4.
/// </summary>
public sealed class OlderScriptCompatibilityTests
{
    [Fact(Timeout = 300_000)]
    public async Task ThePhysicalBackupOfTheOlderScriptIsCheckedAndSucceeds()
    {
        var ct = TestContext.Current.CancellationToken;
        // Written through the primary first: on a fresh lab the replica has no GTID yet, and its backup would record none.
        await using var schema = await LocalTaskLab.TestSchema.CreateAsync(Lab.LabEnvironment.Require(), ct);
        await schema.WaitForReplicasAsync(ct);
        await using var lab = await ScriptLab.StartAsync("sql", ct);
        var host = lab.Lab.Replicas[0];
        var server = ScriptLab.Address(host);
        await using var rows = await JobsHarness.CreateAsync(keepRows: true);
        var id = await lab.StartAsync("backup-physical", host, ct);
        await rows.WaitForRowAsync(server, id, row => row.State == JobState.Pending && row.Port > 0, ct);

        var picked = await rows.WithConnectionAsync(server, connection => connection.QueryScalarAsync<string>(
            $"SELECT concat(id,'@',server,':',port) FROM replication_manager_schema.jobs WHERE task='mariabackup' and done=0 AND state=0 order by id desc limit 1", ct), ct);
        var address = picked[(picked.IndexOf('@', StringComparison.Ordinal) + 1)..];
        var rowId = long.Parse(picked[..picked.IndexOf('@', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture);
        await rows.WithConnectionAsync(server, async connection =>
        {
            await connection.ExecuteAsync($"UPDATE replication_manager_schema.jobs set done=1 WHERE done=0 AND task='mariabackup' AND ID<>{rowId}", ct);
            return await connection.ExecuteAsync($"UPDATE replication_manager_schema.jobs set state=1, result='processing' WHERE task='mariabackup' AND ID={rowId}", ct);
        }, ct);
        var target = Directory.CreateTempSubdirectory("repman-older-script-");
        try
        {
            // The older script passes the password on the command line; repman's own never does.
            await ShellAsync($"mariabackup --backup --protocol=TCP --user={lab.Lab.RepmanUser} --host={host.Address} --password='{lab.Lab.RepmanPassword}' --port={host.Port} " +
                $"--stream=xbstream --datadir={host.DataDir} --target-dir={target.FullName} 2>{target.FullName}/backup.out | socat -u stdio TCP:{address}", ct);
        }
        finally
        {
            target.Delete(recursive: true);
        }
        await rows.WithConnectionAsync(server, connection => connection.ExecuteAsync(
            $"UPDATE replication_manager_schema.jobs set end=NOW(), state=3, result=LOAD_FILE('/tmp/mariabackup.out'), done=1 WHERE id={rowId}", ct), ct);

        var job = await lab.WaitForEndAsync(host, id, ct);
        Assert.Equal(rowId, id);
        Assert.True(ScriptLab.State(job) == JobState.Success, ScriptLab.Result(job));
        Assert.Contains("checked: extracted with mbstream and prepared with mariabackup", ScriptLab.Result(job), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(job.GetProperty("position").GetProperty("gtid").GetString()));
        Assert.Equal(JobState.Success, (await rows.WaitForRowAsync(server, id, row => row.State.IsOver(), ct)).State);
    }

    private static async Task ShellAsync(string command, CancellationToken ct)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardError = true };
        start.ArgumentList.Add("-o");
        start.ArgumentList.Add("pipefail");
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(command);
        using var process = Process.Start(start)!;
        var error = await process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        Assert.True(process.ExitCode == 0, $"{command}: exit {process.ExitCode}: {error}");
    }
}
