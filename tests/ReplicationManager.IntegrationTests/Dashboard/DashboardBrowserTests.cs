using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ReplicationManager.IntegrationTests.Api;
using ReplicationManager.IntegrationTests.Lab;
using ReplicationManager.IntegrationTests.MariaDb;
using ReplicationManager.IntegrationTests.Monitoring;
using static Microsoft.Playwright.Assertions;

namespace ReplicationManager.IntegrationTests.Dashboard;

/// <summary>
/// The dashboard in Debian's chromium against the real executable on the lab: an operator logs in, sees the
/// topology, starts a backup and watches it finish, and sees a killed replica turn red and come back, all without
/// reloading the page (the event stream carries every change).
/// </summary>
public sealed class DashboardBrowserTests
{
    private const string Cluster = "dashboard";
    private static readonly TimeSpan Live = TimeSpan.FromSeconds(90);

    [Fact(Timeout = 400_000)]
    public async Task AnOperatorLogsInSeesTheTopologyWatchesABackupFinishAndAKilledReplicaTurnRedAndComeBack()
    {
        var ct = TestContext.Current.CancellationToken;
        var lab = LabEnvironment.Require();
        var replica = lab.Replicas[^1];
        using var config = new RepmanTestConfig(RepmanTestConfig.LabCluster(lab, Cluster), globalExtra: $"""
            graphite-embedded = true
            graphite-metrics = true
            graphite-carbon-port = {FreePorts.Next()}
            graphite-carbon-pickle-port = {FreePorts.Next()}
            graphite-carbon-api-port = {FreePorts.Next()}
            """);
        await using var repman = await RepmanServerProcess.StartAsync(config.ConfigPath, config.HttpPort, ct);
        await using var browser = await DashboardBrowser.LaunchAsync();
        var page = await browser.NewPageAsync();

        await page.GotoAsync(config.ApiUrl + "/");
        await page.GetByLabel("User").FillAsync("admin");
        await page.GetByLabel("Password").FillAsync(RepmanTestConfig.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await Expect(page.GetByTestId("live")).ToHaveTextAsync("live");
        await Expect(page.GetByTestId($"cluster-{Cluster}")).ToContainTextAsync($"{lab.Primary.Address}:{lab.Primary.Port}", new() { Timeout = Ms(Live) });
        await DashboardBrowser.ScreenshotAsync(page, "overview");
        // Set on the page's window: still there at the end only if the page never reloaded.
        await page.EvaluateAsync("() => { window.repmanTestMarker = 'same page'; }");

        await page.GetByTestId($"cluster-{Cluster}").ClickAsync();
        var nodes = page.Locator("svg[data-testid=topology] g.node");
        await Expect(nodes).ToHaveCountAsync(lab.Hosts.Count, new() { Timeout = Ms(Live) });
        await Expect(Node(page, lab.Primary)).ToHaveAttributeAsync("data-state", "Master", new() { Timeout = Ms(Live) });
        foreach (var host in lab.Replicas)
            await Expect(Node(page, host)).ToHaveAttributeAsync("data-state", "Slave", new() { Timeout = Ms(Live) });
        await DashboardBrowser.ScreenshotAsync(page, "topology");

        var row = page.Locator($"table[data-testid=servers] tr[data-server='{replica.Address}:{replica.Port}']");
        await row.GetByText("Actions").ClickAsync();
        await row.GetByRole(AriaRole.Button, new() { Name = "Logical backup" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync($"Dump {replica.Address}:{replica.Port} now");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "jobs", Exact = true }).ClickAsync();
        var job = page.Locator("table[data-testid=jobs] tr[data-task=mysqldump]").First;
        await Expect(job).ToBeVisibleAsync(new() { Timeout = Ms(Live) });
        await Expect(job).ToHaveAttributeAsync("data-state", "success", new() { Timeout = Ms(Live) });
        await Expect(job).ToContainTextAsync("backup completed");
        await DashboardBrowser.ScreenshotAsync(page, "jobs");
        await page.GetByRole(AriaRole.Link, new() { Name = "backups", Exact = true }).ClickAsync();
        await Expect(page.Locator("table[data-testid=backups] tr", new() { HasText = "mysqldump" }).First).ToBeVisibleAsync(new() { Timeout = Ms(Live) });

        await page.GetByRole(AriaRole.Link, new() { Name = "topology", Exact = true }).ClickAsync();
        await lab.RunLabAsync(ct, "kill", replica.Name);
        try
        {
            await Expect(Node(page, replica)).ToHaveAttributeAsync("data-state", "Failed", new() { Timeout = Ms(Live) });
            await Expect(Node(page, replica)).ToHaveClassAsync(new Regex(@"\bbad\b"));
            await Expect(page.Locator($"table[data-testid=servers] tr[data-server='{replica.Address}:{replica.Port}'] [data-testid=state]")).ToHaveClassAsync(new Regex(@"\bbad\b"));
            await DashboardBrowser.ScreenshotAsync(page, "replica-failed");
        }
        finally
        {
            await LabRecovery.StartAndWaitForReplicationAsync(lab, replica);
        }
        await Expect(Node(page, replica)).ToHaveAttributeAsync("data-state", "Slave", new() { Timeout = Ms(Live) });
        await Expect(Node(page, replica)).ToHaveClassAsync(new Regex(@"\bok\b"));
        await DashboardBrowser.ScreenshotAsync(page, "dashboard");

        await page.Locator("table[data-testid=servers] tr[data-server] a").Nth(1).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Graphs" }).ClickAsync();
        await Expect(page.Locator("[data-testid='chart-Replication lag'] path.line")).ToHaveAttributeAsync("d", new Regex("^M"), new() { Timeout = Ms(Live) });
        await Expect(page.Locator("[data-testid='chart-Queries per second'] path.line")).ToHaveAttributeAsync("d", new Regex("^M"), new() { Timeout = Ms(Live) });
        await DashboardBrowser.ScreenshotAsync(page, "graphs");

        Assert.Equal("same page", await page.EvaluateAsync<string>("() => window.repmanTestMarker"));
        await UpdateReadmeScreenshotAsync();
    }

    [Fact(Timeout = 200_000)]
    public async Task OnAPhoneTheOverviewAndTheServersFitAndAWrongPasswordSaysSo()
    {
        var ct = TestContext.Current.CancellationToken;
        var lab = LabEnvironment.Require();
        using var config = new RepmanTestConfig(RepmanTestConfig.LabCluster(lab, Cluster));
        await using var repman = await RepmanServerProcess.StartAsync(config.ConfigPath, config.HttpPort, ct);
        await using var browser = await DashboardBrowser.LaunchAsync();
        var page = await browser.NewPageAsync(width: 390, height: 844);

        await page.GotoAsync(config.ApiUrl + "/");
        await page.GetByLabel("User").FillAsync("admin");
        await page.GetByLabel("Password").FillAsync("wrong");
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("password");
        await page.GetByLabel("Password").FillAsync(RepmanTestConfig.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await page.GetByTestId($"cluster-{Cluster}").ClickAsync();
        await Expect(page.Locator("table[data-testid=servers] tr[data-server]")).ToHaveCountAsync(lab.Hosts.Count, new() { Timeout = Ms(Live) });
        // Nothing wider than the phone but the tables, which scroll inside themselves.
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"the page is {overflow} px wider than the phone");
        await DashboardBrowser.ScreenshotAsync(page, "phone");

        await page.GetByRole(AriaRole.Link, new() { Name = $"{lab.Primary.Address}:{lab.Primary.Port}", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Processlist" }).ClickAsync();
        await Expect(page.GetByTestId("processlist")).ToContainTextAsync("Binlog Dump");
        // A session that starts while the tab is open shows up without a click on Refresh.
        await using (var session = await LabConnections.OpenAsync(lab, lab.Primary, ct))
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var sleeping = session.ExecuteAsync($"SELECT SLEEP(60) AS live_processlist_probe", stop.Token);
            await Expect(page.GetByTestId("processlist")).ToContainTextAsync("live_processlist_probe", new() { Timeout = Ms(Live) });
            await stop.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sleeping);
        }
        await page.GetByRole(AriaRole.Link, new() { Name = "Replication" }).ClickAsync();
        await Expect(page.GetByText("This server replicates from nowhere.")).ToBeVisibleAsync();
    }

    private static ILocator Node(IPage page, LabHost host) =>
        page.Locator($"svg[data-testid=topology] g.node[data-server='{host.Address}:{host.Port}']");

    private static float Ms(TimeSpan span) => (float)span.TotalMilliseconds;

    /// <summary>With REPMAN_UPDATE_DOCS=1 the README's screenshot is replaced by the one this run took.</summary>
    private static Task UpdateReadmeScreenshotAsync()
    {
        if (Environment.GetEnvironmentVariable("REPMAN_UPDATE_DOCS") != "1")
            return Task.CompletedTask;
        File.Copy(Path.Combine(DashboardBrowser.ScreenshotDirectory, "dashboard.png"), Path.Combine(DashboardBrowser.RepositoryRoot(), "docs", "images", "dashboard.png"), overwrite: true);
        return Task.CompletedTask;
    }
}
