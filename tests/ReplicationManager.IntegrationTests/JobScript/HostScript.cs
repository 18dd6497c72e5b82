using System.Diagnostics;
using System.Globalization;
using ReplicationManager.IntegrationTests.Lab;

namespace ReplicationManager.IntegrationTests.JobScript;

/// <summary>
/// The job script run straight on a lab host, as cron or an operator runs it where repman has no SSH: the
/// environment of spec 6.1.5 set by hand, a state folder of the test's own.
/// </summary>
internal static class HostScript
{
    public static string Shipped { get; } = Path.Combine(AppContext.BaseDirectory, "share", "dbjobs", "dbjobs_new");

    public static Process Start(ScriptLab lab, LabHost host, string state, IReadOnlyDictionary<string, string>? environment = null, string? script = null,
        bool captureError = false)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardError = captureError };
        start.ArgumentList.Add(script ?? Shipped);
        start.Environment["REPLICATION_MANAGER_URL"] = lab.Config.ApiUrl;
        start.Environment["REPLICATION_MANAGER_URL_HOST"] = "127.0.0.1";
        start.Environment["REPLICATION_MANAGER_HOST_NAME"] = host.Address;
        start.Environment["REPLICATION_MANAGER_HOST_PORT"] = host.Port.ToString(CultureInfo.InvariantCulture);
        start.Environment["REPLICATION_MANAGER_HOST_USER"] = lab.Lab.RepmanUser;
        start.Environment["REPLICATION_MANAGER_HOST_PASSWORD"] = lab.Lab.RepmanPassword;
        start.Environment["REPLICATION_MANAGER_CLUSTER_NAME"] = ScriptLab.Cluster;
        start.Environment["DBJOBS_STATE_DIR"] = state;
        start.Environment["DBJOBS_MIN_FREE_MB"] = "64";
        start.Environment["DBJOBS_UPGRADE_INTERVAL"] = "0";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            start.Environment[name] = value;
        return Process.Start(start)!;
    }

    /// <summary>Runs the script to its end: its exit code and what it said on stderr.</summary>
    public static async Task<(int ExitCode, string Error)> RunAsync(ScriptLab lab, LabHost host, string state, CancellationToken ct,
        IReadOnlyDictionary<string, string>? environment = null, string? script = null)
    {
        using var process = Start(lab, host, state, environment, script, captureError: true);
        var error = await process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        return (process.ExitCode, error);
    }
}

/// <summary>A state folder of the script's own for one test (<c>DBJOBS_STATE_DIR</c>), deleted with what it holds.</summary>
internal sealed class ScriptStateFolder : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("repman-dbjobs-state-");

    public string Path => _folder.FullName;

    public void Dispose() => _folder.Delete(recursive: true);
}
