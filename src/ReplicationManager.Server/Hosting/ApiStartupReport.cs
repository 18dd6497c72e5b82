using ReplicationManager.Core.Options;
using ReplicationManager.Server.Api;
using ReplicationManager.Server.Api.Auth;

namespace ReplicationManager.Server.Hosting;

/// <summary>
/// Tells the operator, once the listeners are up, where the API is and how to log in, or why it is not there; and
/// readies the token signing key before the first request.
/// </summary>
internal sealed class ApiStartupReport(
    RepmanOptions options,
    ApiUserDirectory users,
    IHostApplicationLifetime lifetime,
    IServiceProvider services,
    ILogger<ApiStartupReport> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var api = options.Global.Api;
        foreach (var user in users.RefusedUsers)
            ApiLog.UserWithoutPassword(logger, user);
        foreach (var grant in users.UnknownGrantPrefixes)
            ApiLog.UnknownGrant(logger, grant);
        if (api.ApiEnabled && !users.HasUsers)
            ApiLog.NoCredentials(logger);
        // The signing key is read (or made) now, so that an unwritable data directory stops the start, not the first login.
        if (ApiListeners.ServesApi(api, users))
            services.GetRequiredService<ApiTokenService>();
        lifetime.ApplicationStarted.Register(() =>
        {
            if (ApiListeners.ServesApi(api, users))
            {
                var url = $"https://{ApiListeners.DisplayHost(api.ApiBind)}:{api.ApiPort}";
                ApiLog.ApiListening(logger, url, users.Users.First().Name, url + "/api/login");
                if (DashboardFiles.IsPresent(api))
                    ApiLog.DashboardServed(logger, url, DashboardFiles.RootOf(api));
                else
                    ApiLog.DashboardMissing(logger, DashboardFiles.RootOf(api));
            }
            if (api.HttpEnabled)
                ApiLog.CheckPortListening(logger, $"http://{ApiListeners.DisplayHost(api.HttpBind)}:{api.HttpPort}");
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
