using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.TestHost;
using ReplicationManager.Core.Jobs.Protocol;
using ReplicationManager.Server.Api.Auth;
using ReplicationManager.Server.Tests.Api;
using ReplicationManager.Server.Tests.Fakes;

namespace ReplicationManager.Server.Tests.JobScript;

public sealed class SecretLoginTests
{
    [Fact]
    public async Task OurLoginGivesATokenForThatServerOnly()
    {
        await using var host = await JobScriptHost.StartAsync();
        var script = await new ScriptClient(host, LabSnapshots.Replica2).LoggedInAsync();
        var other = new ScriptClient(host, LabSnapshots.Replica3) { Token = script.Token };

        var needs = await script.PostAsync("/needs/errorlog");
        var elsewhere = await other.PostAsync("/needs/errorlog");
        var clusters = await script.SendAsync(HttpMethod.Get, "/api/clusters");

        Assert.Equal((HttpStatusCode.OK, "false"), (needs.Status, needs.Body));
        Assert.Equal(HttpStatusCode.Forbidden, elsewhere.Status);
        Assert.Contains("this token is for server 127.0.0.12:3306, not 127.0.0.13:3306", elsewhere.Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, clusters.Status);
    }

    [Fact]
    public async Task TheTokenNamesTheSystemAccountAndLastsFifteenMinutes()
    {
        await using var host = await JobScriptHost.StartAsync();
        var script = await new ScriptClient(host, LabSnapshots.Replica2).LoggedInAsync();
        var claims = JsonDocument.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(script.Token!.Split('.')[1])).RootElement;

        Assert.Equal(ApiUserDirectory.ScriptAccount.Name, claims.GetProperty("sub").GetString());
        Assert.Equal("lab", claims.GetProperty("cluster").GetString());
        Assert.Equal("127.0.0.12:3306", claims.GetProperty("server").GetString());
        host.Time.Advance(TimeSpan.FromMinutes(14));
        Assert.Equal(HttpStatusCode.OK, (await script.PostAsync("/needs/errorlog")).Status);
        host.Time.Advance(TimeSpan.FromMinutes(2));
        var expired = await script.PostAsync("/needs/errorlog");
        Assert.Equal(HttpStatusCode.Unauthorized, expired.Status);
        Assert.Contains("expired", expired.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AcceptsReplicationManagersFormsTooAndLogsTheMissingReplayProtection()
    {
        await using var host = await JobScriptHost.StartAsync();
        var script = new ScriptClient(host, LabSnapshots.Replica2);

        using var goForm = await script.LoginAsync(script.Seal($$"""{"server":"127.0.0.12:3306","secret":"{{ApiTestHost.DbPassword}}"}"""));
        using var specForm = await script.LoginAsync(script.Seal(ApiTestHost.DbPassword));

        Assert.Equal(HttpStatusCode.OK, goForm.StatusCode);
        Assert.Equal(HttpStatusCode.OK, specForm.StatusCode);
    }

    [Fact]
    public async Task WhileTheJobEngineStartsALoginIsToldToRetryAndNotCountedAsAFailure()
    {
        var registry = new FakeClusterRegistry();
        registry.Set(LabSnapshots.Healthy());
        // Without the service that starts the job engines, they stay "starting".
        var (app, datadir) = ApiTestHost.CreateApp(JobScriptHost.ApiModeConfig, null, new ManualTimeProvider(), registry,
            services => services.Remove(services.Single(d => d.ImplementationType?.Name == "JobsService")));
        await using (app)
        {
            await app.StartAsync(TestContext.Current.CancellationToken);
            app.GetTestServer().BaseAddress = new Uri("https://localhost/");
            using var client = app.GetTestClient();
            var body = ScriptEnvelope.Seal($$"""{"server":"127.0.0.12:3306","secret":"{{ApiTestHost.DbPassword}}"}""", ApiTestHost.DbPassword);

            var answers = new List<HttpStatusCode>();
            for (var i = 0; i <= ScriptLoginGuard.FailuresPerClient; i++)
            {
                using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
                using var response = await client.PostAsync("/api/clusters/lab/servers/127.0.0.12/3306/secret-login", content, TestContext.Current.CancellationToken);
                answers.Add(response.StatusCode);
            }

            Assert.All(answers, status => Assert.Equal(HttpStatusCode.ServiceUnavailable, status));
        }
        Directory.Delete(datadir, recursive: true);
    }

    [Fact]
    public async Task EveryRefusalIsTheSame401()
    {
        await using var host = await JobScriptHost.StartAsync();
        var script = new ScriptClient(host, LabSnapshots.Replica2);
        var replayed = script.OurLogin();
        using var first = await script.LoginAsync(replayed);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        string[] bodies =
        [
            replayed,
            new ScriptClient(host, LabSnapshots.Replica2, "another password").OurLogin(),
            new ScriptClient(host, LabSnapshots.Replica3).OurLogin(),
            script.OurLogin(host.Time.GetUtcNow().AddMinutes(-5)),
            "{\"data\":\"bm90IGNpcGhlcnRleHQ=\"}",
        ];
        var details = new List<string>();
        foreach (var body in bodies)
        {
            using var response = await script.LoginAsync(body);
            details.Add(await ProblemAssert.DetailAsync(response, HttpStatusCode.Unauthorized));
        }

        Assert.All(details, detail => Assert.Equal("secret-login refused", detail));
    }

    [Fact]
    public async Task RepeatedFailuresAreRateLimited()
    {
        await using var host = await JobScriptHost.StartAsync();
        var wrong = new ScriptClient(host, LabSnapshots.Replica2, "guess");
        for (var i = 0; i < ScriptLoginGuard.FailuresPerClient; i++)
        {
            using var refused = await wrong.LoginAsync(wrong.OurLogin());
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        using var locked = await new ScriptClient(host, LabSnapshots.Replica2).LoginAsync(new ScriptClient(host, LabSnapshots.Replica2).OurLogin());

        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        Assert.NotNull(locked.Headers.RetryAfter);
        host.Time.Advance(ScriptLoginGuard.Lockout);
        using var after = await new ScriptClient(host, LabSnapshots.Replica2).LoginAsync(new ScriptClient(host, LabSnapshots.Replica2).OurLogin());
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task AnAdminTokenWithDbGrantsReachesTheJobRoutesButAViewerDoesNot()
    {
        await using var host = await JobScriptHost.StartAsync();
        var admin = new ScriptClient(host, LabSnapshots.Replica2) { Token = await host.TokenAsync() };
        var viewer = new ScriptClient(host, LabSnapshots.Replica2) { Token = await host.TokenAsync("viewer", "viewer-Pa55") };

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/needs/errorlog")).Status);
        var refused = await viewer.PostAsync("/needs/errorlog");
        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        Assert.Contains("db-jobs", refused.Body, StringComparison.Ordinal);
    }
}
