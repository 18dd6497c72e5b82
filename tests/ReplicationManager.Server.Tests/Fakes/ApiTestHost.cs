using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ReplicationManager.Core.Jobs;
using ReplicationManager.Core.Monitoring;
using ReplicationManager.Core.Options;
using ReplicationManager.Server.Hosting;

namespace ReplicationManager.Server.Tests.Fakes;

/// <summary>
/// repman's real composition (AddRepman / MapRepman) on an in-memory server, with the cluster registry and the clock
/// faked and a configuration of its own in a temporary directory (which is also the data directory).
/// </summary>
internal sealed class ApiTestHost : IAsyncDisposable
{
    public const string AdminPassword = "admin-Pa55-test";
    public const string DbPassword = "db-Secret-Pa55";
    public const string ReplicationPassword = "repl-Secret-Pa55";
    public const int ApiPort = 10005;
    public const int CheckPort = 10001;

    public static readonly string DefaultConfig = $$"""
        [Default]
        monitoring-datadir = "{datadir}"
        log-level = 1
        api-port = {{ApiPort}}
        http-port = {{CheckPort}}
        api-credentials = "admin:{{AdminPassword}},viewer:viewer-Pa55,ops:ops-Pa55,nobody:nobody-Pa55"
        api-credentials-acl-allow = "admin:global cluster proxy db prov,viewer:cluster-show,ops:db-show cluster-process,nobody:"
        api-credentials-acl-discard = "ops:db-show-schema"
        api-token-timeout = 2

        [lab]
        db-servers-hosts = "127.0.0.11:3306,127.0.0.12:3306,127.0.0.13:3306"
        db-servers-prefered-master = "127.0.0.11:3306"
        db-servers-credential = "repman:{{DbPassword}}"
        replication-credential = "repl:{{ReplicationPassword}}"
        """;

    private readonly WebApplication _app;
    private readonly bool _ownsDirectory;

    private ApiTestHost(WebApplication app, string datadir, bool ownsDirectory, ManualTimeProvider time, FakeClusterRegistry registry)
    {
        _app = app;
        Datadir = datadir;
        _ownsDirectory = ownsDirectory;
        Time = time;
        Registry = registry;
        // The API port is HTTPS; requests over plain HTTP are those of the check port.
        app.GetTestServer().BaseAddress = new Uri("https://localhost/");
        Client = app.GetTestClient();
    }

    public string Datadir { get; }

    public ManualTimeProvider Time { get; }

    public FakeClusterRegistry Registry { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public TestServer Server => _app.GetTestServer();

    /// <summary>Starts a host; <paramref name="datadir"/> reuses another host's data directory (a restart).</summary>
    public static async Task<ApiTestHost> StartAsync(string? config = null, string? datadir = null, ManualTimeProvider? time = null)
    {
        config ??= DefaultConfig;
        var ownsDirectory = datadir is null;
        time ??= new ManualTimeProvider();
        var registry = new FakeClusterRegistry();
        registry.Set(LabSnapshots.Healthy());
        var (app, directory) = CreateApp(config, datadir, time, registry);
        await app.StartAsync(TestContext.Current.CancellationToken);
        await JobEnginesReadyAsync(app.Services);
        return new ApiTestHost(app, directory, ownsDirectory, time, registry);
    }

    /// <summary>
    /// The job engines recover in a background service after the host has started; until then the job routes answer
    /// 503. A test starts once they are ready, as an operator's scripts would find them a moment after start.
    /// </summary>
    private static async Task JobEnginesReadyAsync(IServiceProvider services)
    {
        var jobs = services.GetRequiredService<JobsRegistry>();
        var clusters = services.GetRequiredService<RepmanOptions>().Clusters;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        while (clusters.Any(cluster => jobs.Get(cluster.Name) is null))
            await Task.Delay(5, timeout.Token);
    }

    /// <summary>The application, built and mapped but not started (to read its route table).</summary>
    public static (WebApplication App, string Datadir) CreateApp(string config, string? datadir, TimeProvider time, IClusterRegistry registry,
        Action<IServiceCollection>? alter = null)
    {
        datadir ??= Path.Combine(Path.GetTempPath(), "repman-api-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(datadir);
        var configPath = Path.Combine(datadir, $"config-{Guid.NewGuid():N}.toml");
        File.WriteAllText(configPath, config.Replace("{datadir}", datadir, StringComparison.Ordinal));
        var startup = new RepmanStartup(ConfigurationLoader.Load(configPath), null);

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.AddRepman(startup);
        // The monitoring loops (registered by factory, one per cluster) would probe real servers: the registry is faked instead.
        foreach (var loop in builder.Services.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationFactory is not null).ToList())
            builder.Services.Remove(loop);
        builder.Services.AddSingleton(time);
        builder.Services.AddSingleton(registry);
        alter?.Invoke(builder.Services);
        var app = builder.Build();
        app.MapRepman();
        return (app, datadir);
    }

    public async Task<HttpResponseMessage> LoginAsync(string user, string password) =>
        await Client.PostAsJsonAsync("/api/login", new { username = user, password }, TestContext.Current.CancellationToken);

    public async Task<string> TokenAsync(string user = "admin", string password = AdminPassword)
    {
        using var response = await LoginAsync(user, password);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return json.RootElement.GetProperty("token").GetString()!;
    }

    public async Task<HttpResponseMessage> GetAsync(string path, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await Client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>A request as if it came from <paramref name="remote"/>, over HTTPS (the API port) or plain HTTP (the check port).</summary>
    public Task<HttpContext> SendAsync(string method, string path, IPAddress? remote = null, bool checkPort = false, string? body = null, string? token = null) =>
        Server.SendAsync(context =>
        {
            context.Request.Method = method;
            context.Request.Path = path;
            context.Connection.RemoteIpAddress = remote;
            context.Request.Scheme = checkPort ? "http" : "https";
            context.Connection.LocalPort = checkPort ? CheckPort : ApiPort;
            if (token is not null)
                context.Request.Headers.Authorization = "Bearer " + token;
            if (body is not null)
            {
                var bytes = System.Text.Encoding.UTF8.GetBytes(body);
                context.Request.Body = new MemoryStream(bytes);
                context.Request.ContentLength = bytes.Length;
                context.Request.ContentType = "application/json";
            }
        }, TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        if (_ownsDirectory)
            Directory.Delete(Datadir, recursive: true);
    }
}
