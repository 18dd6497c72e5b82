using ReplicationManager.Server.Tests.Fakes;

namespace ReplicationManager.Server.Tests.JobScript;

/// <summary>Test hosts for the job protocol: the lab cluster in API mode, receivers on loopback.</summary>
internal static class JobScriptHost
{
    public static readonly string ApiModeConfig = ApiTestHost.DefaultConfig + """

        monitoring-address = "127.0.0.1"
        scheduler-jobs-mode = "api"
        """;

    public static Task<ApiTestHost> StartAsync(string extra = "") => ApiTestHost.StartAsync(ApiModeConfig + "\n" + extra);
}
