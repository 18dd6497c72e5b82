using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using ReplicationManager.Core.Jobs.Protocol;
using ReplicationManager.Core.Topology;
using ReplicationManager.Server.Tests.Fakes;

namespace ReplicationManager.Server.Tests.JobScript;

public sealed class ScriptUpgradeTests
{
    private static readonly string Replica2Id = ServerIdentity.IdOf(LabSnapshots.Replica2);

    [Fact]
    public async Task SendJobsUpgradeServesRepmansScriptWithItsChecksum()
    {
        await using var host = await JobScriptHost.StartAsync();
        var script = await new ScriptClient(host, LabSnapshots.Replica2).LoggedInAsync();

        var (status, body, response) = await script.PostAsync("/actions/send-jobs-upgrade");

        var shipped = await File.ReadAllBytesAsync(JobScriptFile.BuiltIn, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("text/x-shellscript", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(shipped)), response.Headers.GetValues("X-Script-Sha256").Single());
        Assert.Equal(Encoding.UTF8.GetString(shipped), body);
        Assert.EndsWith("# EOF\n", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReceiveJobsCheckComparesTheHostsScriptWithRepmansAndRaisesAWarningWhenTheyDiffer()
    {
        await using var host = await JobScriptHost.StartAsync();
        var script = await new ScriptClient(host, LabSnapshots.Replica2).LoggedInAsync();
        var admin = new ScriptClient(host, LabSnapshots.Replica2) { Token = await host.TokenAsync() };

        await SendThroughCheckAsync(script, Encoding.UTF8.GetBytes("#!/bin/bash\necho an old script\n"));
        var outdated = await WaitForCheckAsync(admin, check => check.Contains("\"upgradeNeeded\":true", StringComparison.Ordinal));
        Assert.Contains("WARN0208", (await admin.SendAsync(HttpMethod.Get, "/api/clusters/lab/topology/alerts")).Body, StringComparison.Ordinal);

        await SendThroughCheckAsync(script, await File.ReadAllBytesAsync(JobScriptFile.BuiltIn, TestContext.Current.CancellationToken));
        await WaitForCheckAsync(admin, check => check.Contains("\"upgradeNeeded\":false", StringComparison.Ordinal));
        Assert.DoesNotContain("WARN0208", (await admin.SendAsync(HttpMethod.Get, "/api/clusters/lab/topology/alerts")).Body, StringComparison.Ordinal);
        Assert.Contains("hostSha256", outdated, StringComparison.Ordinal);
    }

    private static async Task SendThroughCheckAsync(ScriptClient script, byte[] content)
    {
        var answer = await script.PostAsync("/actions/receive-jobs-check");
        Assert.StartsWith("RECEIVER_PORT=", answer.Body, StringComparison.Ordinal);
        using var sender = new TcpClient();
        await sender.ConnectAsync(IPAddress.Loopback, int.Parse(answer.Body["RECEIVER_PORT=".Length..], System.Globalization.CultureInfo.InvariantCulture), TestContext.Current.CancellationToken);
        await sender.GetStream().WriteAsync(content, TestContext.Current.CancellationToken);
    }

    private static async Task<string> WaitForCheckAsync(ScriptClient admin, Func<string, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var check = await admin.SendAsync(HttpMethod.Get, $"/api/clusters/lab/servers/{Replica2Id}/job-script");
            if (check.Status == HttpStatusCode.OK && done(check.Body))
                return check.Body;
            Assert.True(DateTime.UtcNow < deadline, $"no check result: {check.Status} {check.Body}");
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }
}
