using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ReplicationManager.Core.Jobs;
using ReplicationManager.Core.Options;
using ReplicationManager.Server.Api;
using ReplicationManager.Server.Api.Auth;
using ReplicationManager.Server.Api.JobScript;
using ReplicationManager.Server.Api.Live;
using ReplicationManager.Server.Graphite;

namespace ReplicationManager.Server.Hosting;

/// <summary>The REST API, its users and tokens, and the proxy check port: registered by the composition root in one line each.</summary>
internal static class RepmanApiExtensions
{
    public const string OpenApiPath = "/api/openapi.json";

    public static WebApplicationBuilder AddRepmanApi(this WebApplicationBuilder builder, RepmanStartup startup)
    {
        var global = startup.Options.Global;
        var services = builder.Services;
        services.AddProblemDetails(problems => problems.CustomizeProblemDetails = ProblemDetailsDefaults.Customize);
        services.AddExceptionHandler<DatabaseFailureHandler>();
        services.AddOpenApi(openApi =>
        {
            openApi.AddOperationTransformer<GrantOperationTransformer>();
            openApi.AddOperationTransformer<RequestBodyOperationTransformer>();
        });
        services.AddSingleton(global.Api);
        services.AddSingleton(new RepmanInstance(global.Arbitration));
        services.AddSingleton(new ApiUserDirectory(global.Api));
        services.AddSingleton(new ApiListenerPorts(global.Api.ApiPort, global.Api.HttpEnabled ? global.Api.HttpPort : -1));
        services.AddSingleton<LoginThrottle>();
        services.AddSingleton<PasswordCheck>();
        services.AddSingleton<ScriptLoginGuard>();
        services.AddSingleton<JobScriptDesk>();
        services.AddSingleton<LiveFeed>();
        services.AddSingleton<SnapshotJson>();
        services.AddMetrics();
        services.AddSingleton<RepmanMeter>();
        services.AddSingleton<PrometheusExport>();
        services.AddSingleton(provider => SigningKeyStore.LoadOrCreate(global.Datadir, provider.GetRequiredService<ILogger<ApiTokenService>>()));
        services.AddSingleton(provider => new ApiTokenService(
            provider.GetRequiredService<SigningKey>(), provider.GetRequiredService<TimeProvider>(), global.Api.TokenLifetime));
        services.AddSingleton<IConfigureOptions<KestrelServerOptions>, ApiListeners>();
        services.AddHostedService<ApiStartupReport>();
        return builder;
    }

    public static WebApplication MapRepmanApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseDashboard(app.Services.GetRequiredService<ApiOptions>());
        app.UseRouting();
        app.UseMiddleware<ApiAccessMiddleware>();
        app.MapOpenApi(OpenApiPath).Public();
        app.MapStatusEndpoints();
        app.MapLoginEndpoints();
        app.MapClustersEndpoints();
        app.MapServersEndpoints();
        app.MapJobsEndpoints();
        app.MapFailoverEndpoints();
        app.MapReseedEndpoints();
        app.MapScheduleEndpoints();
        app.MapJobScriptEndpoints();
        app.MapLiveEndpoints();
        app.MapSettingsEndpoints();
        app.MapMetricsEndpoints();
        app.MapGraphiteEndpoints();
        app.MapCheckEndpoints();
        return app;
    }
}
