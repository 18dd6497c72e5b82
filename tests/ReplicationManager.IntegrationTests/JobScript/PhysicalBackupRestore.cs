using System.Diagnostics;
using ReplicationManager.IntegrationTests.Lab;
using ReplicationManager.IntegrationTests.MariaDb;
using ReplicationManager.MariaDb;

namespace ReplicationManager.IntegrationTests.JobScript;

/// <summary>
/// What an operator does with a physical backup to make a new replica: extract it (mbstream), prepare it
/// (mariabackup), put it in place of a stopped server's data directory, start it, and replicate from the primary at
/// the backup's GTID.
/// </summary>
internal static class PhysicalBackupRestore
{
    public static async Task IntoAsync(LabEnvironment lab, LabHost fresh, string xbstream, string gtid, CancellationToken ct)
    {
        await lab.RunLabAsync(ct, "stop", fresh.Name);
        var datadir = fresh.DataDir;
        Directory.Delete(datadir, recursive: true);
        Directory.CreateDirectory(datadir);
        await using (var input = File.OpenRead(xbstream))
            await RunAsync("mbstream", ["-x", "-C", datadir], input, ct);
        await RunAsync("mariabackup", ["--prepare", $"--target-dir={datadir}"], null, ct);
        await RunAsync("chown", ["-R", "mysql:mysql", datadir], null, ct);
        await lab.RunLabAsync(ct, "start", fresh.Name);
        await using var connection = await LabConnections.OpenAsync(lab, fresh, ct);
        await connection.ExecuteAsync($"SET GLOBAL gtid_slave_pos = {gtid}", ct);
        await connection.ExecuteAsync(
            $"CHANGE MASTER TO MASTER_HOST = {lab.Primary.Address}, MASTER_PORT = {lab.Primary.Port}, MASTER_USER = {lab.ReplicationUser}, MASTER_PASSWORD = {lab.ReplicationPassword}, MASTER_USE_GTID = slave_pos, MASTER_CONNECT_RETRY = 1",
            ct);
        await connection.ExecuteAsync($"START SLAVE", ct);
    }

    /// <summary>Waits until the host has applied everything the primary wrote so far.</summary>
    public static async Task WaitCaughtUpAsync(LabEnvironment lab, LabHost host, CancellationToken ct)
    {
        string position;
        await using (var primary = await LabConnections.OpenPrimaryAsync(lab, ct))
            position = await primary.QueryScalarAsync<string>($"SELECT @@gtid_binlog_pos", ct);
        await using var connection = await LabConnections.OpenAsync(lab, host, ct);
        var waited = await connection.QueryScalarAsync<long>($"SELECT MASTER_GTID_WAIT({position}, 60)", ct);
        var status = await connection.QueryAsync($"SHOW SLAVE STATUS", ct);
        Assert.True(waited == 0, $"{host} did not reach {position}: IO {status[0]["Slave_IO_Running"].GetString()}, SQL {status[0]["Slave_SQL_Running"].GetString()}, {status[0]["Last_Error"].GetString()}");
    }

    private static async Task RunAsync(string tool, string[] arguments, Stream? input, CancellationToken ct)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardError = true, RedirectStandardOutput = true, RedirectStandardInput = input is not null };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync(ct);
        var output = process.StandardOutput.ReadToEndAsync(ct);
        if (input is not null)
        {
            await input.CopyToAsync(process.StandardInput.BaseStream, ct);
            process.StandardInput.Close();
        }
        await process.WaitForExitAsync(ct);
        Assert.True(process.ExitCode == 0, $"{tool} {string.Join(' ', arguments)} exited {process.ExitCode}: {await error}{await output}");
    }
}
