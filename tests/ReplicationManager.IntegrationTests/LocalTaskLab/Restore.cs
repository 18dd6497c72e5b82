using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using ReplicationManager.IntegrationTests.Lab;

namespace ReplicationManager.IntegrationTests.LocalTaskLab;

/// <summary>Restores a backup into a lab host with the stock clients: the mariadb client reading the gunzipped dump, or myloader.</summary>
internal static class Restore
{
    public static async Task MysqldumpAsync(TaskLab lab, string backup, LabHost target, CancellationToken cancellationToken)
    {
        var start = Start("mariadb", [$"--defaults-extra-file={lab.ClientOptionFile()}", $"--host={target.Address}", $"--port={target.Port}", "--batch"]);
        start.RedirectStandardInput = true;
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        await using (var dump = new GZipStream(File.OpenRead(backup), CompressionMode.Decompress))
            await dump.CopyToAsync(process.StandardInput.BaseStream, cancellationToken);
        process.StandardInput.Close();
        await process.WaitForExitAsync(cancellationToken);
        Assert.True(process.ExitCode == 0, $"mariadb < {backup} exited {process.ExitCode}: {await errors}{await output}");
    }

    public static async Task MyloaderAsync(TaskLab lab, string directory, string schema, LabHost target, CancellationToken cancellationToken)
    {
        var start = Start("myloader", [$"--defaults-file={lab.ClientOptionFile()}", $"--host={target.Address}", $"--port={target.Port.ToString(CultureInfo.InvariantCulture)}",
            $"--user={lab.Lab.RepmanUser}", $"--directory={directory}", $"--source-db={schema}", "--threads=2", "--overwrite-tables", "--verbose=2"]);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        Assert.True(process.ExitCode == 0, $"myloader exited {process.ExitCode}: {await errors}{await output}");
    }

    private static ProcessStartInfo Start(string tool, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        return start;
    }
}
