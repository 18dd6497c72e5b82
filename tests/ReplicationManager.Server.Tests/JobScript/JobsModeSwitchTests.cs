using System.Net;
using ReplicationManager.Core.Topology;
using ReplicationManager.Server.Tests.Fakes;

namespace ReplicationManager.Server.Tests.JobScript;

public sealed class JobsModeSwitchTests
{
    [Fact]
    public async Task TheModeSwitchesAtRunTimeAndIsKeptAcrossARestart()
    {
        var datadir = Path.Combine(Path.GetTempPath(), "repman-switch-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using (var host = await ApiTestHost.StartAsync(JobScriptHost.ApiModeConfig, datadir))
            {
                var admin = new ScriptClient(host, LabSnapshots.Replica2) { Token = await host.TokenAsync() };
                var switched = await admin.PostAsync("/api/clusters/lab/settings/actions/set/scheduler-jobs-mode/sql");
                Assert.Equal(HttpStatusCode.OK, switched.Status);
                Assert.Contains("\"jobsMode\":\"sql\"", switched.Body, StringComparison.Ordinal);
            }
            await using (var restarted = await ApiTestHost.StartAsync(JobScriptHost.ApiModeConfig, datadir))
            {
                var admin = new ScriptClient(restarted, LabSnapshots.Replica2) { Token = await restarted.TokenAsync() };
                var schedule = await admin.SendAsync(HttpMethod.Get, "/api/clusters/lab/schedule");
                Assert.Contains("\"jobsMode\":\"sql\"", schedule.Body, StringComparison.Ordinal);
            }
        }
        finally
        {
            Directory.Delete(datadir, recursive: true);
        }
    }

    [Fact]
    public async Task TheSwitchIsRefusedWhileAJobIsInFlight()
    {
        await using var host = await JobScriptHost.StartAsync();
        var admin = new ScriptClient(host, LabSnapshots.Replica2) { Token = await host.TokenAsync() };
        await admin.PostAsync($"/api/clusters/lab/servers/{ServerIdentity.IdOf(LabSnapshots.Replica2)}/actions/backup-error-log");

        var refused = await admin.PostAsync("/api/clusters/lab/settings/actions/set/scheduler-jobs-mode/sql");

        Assert.Equal(HttpStatusCode.Conflict, refused.Status);
        Assert.Contains("1 job(s) in flight: errorlog on 127.0.0.12:3306", refused.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SwitchingToApiIsRefusedWhileAJobsTableCannotBeChecked()
    {
        // The lab's servers are not reached with this host's credentials: their tables cannot be checked, nor dropped.
        await using var host = await ApiTestHost.StartAsync();
        var admin = new ScriptClient(host, LabSnapshots.Replica2) { Token = await host.TokenAsync() };

        var refused = await admin.PostAsync("/api/clusters/lab/settings/actions/set/scheduler-jobs-mode/api");

        Assert.Equal(HttpStatusCode.Conflict, refused.Status);
        Assert.Contains("the jobs tables cannot be dropped yet", refused.Body, StringComparison.Ordinal);
        Assert.Contains("127.0.0.11:3306: not reached", refused.Body, StringComparison.Ordinal);
    }
}
