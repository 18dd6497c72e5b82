using ReplicationManager.Core.Options;

namespace ReplicationManager.Server.Hosting;

/// <summary>The composition root: every service and endpoint of repman is registered here, and nowhere else.</summary>
public static class RepmanHostExtensions
{
    public static WebApplicationBuilder AddRepman(this WebApplicationBuilder builder, RepmanStartup startup)
    {
        builder.AddRepmanLogging(startup);
        builder.Services.AddSingleton(startup.Options);
        builder.Services.AddSingleton(startup.Configuration);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddHostedService<ConfigurationReportService>();
        builder.Services.AddRepmanMonitoring(startup.Options);
        builder.Services.AddRepmanJobs();
        builder.Services.AddRepmanGraphite(startup.Options.Global);
        builder.AddRepmanApi(startup);
        return builder;
    }

    public static WebApplication MapRepman(this WebApplication app)
    {
        app.MapRepmanApi();
        return app;
    }

    private static void AddRepmanLogging(this WebApplicationBuilder builder, RepmanStartup startup)
    {
        var logging = startup.Options.Global.Logging;
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "yyyy-MM-dd HH:mm:ss ";
            // repman's lines name their cluster, server and job; ASP.NET's request scopes (span, trace and
            // connection ids, request path) would be added to every line logged while a job script's call runs.
            console.IncludeScopes = false;
        });
        if (logging.File is { Length: > 0 } file)
            builder.Services.AddSingleton<ILoggerProvider>(_ => new FileLoggerProvider(file, logging.Rotation, TimeProvider.System));
        builder.Logging.SetMinimumLevel(startup.LogLevelOverride ?? logging.Level);
        // ASP.NET's own chatter stays at warnings unless repman itself is asked for debug output.
        builder.Logging.AddFilter("Microsoft", (startup.LogLevelOverride ?? logging.Level) >= LogLevel.Information ? LogLevel.Warning : LogLevel.Debug);
    }
}
