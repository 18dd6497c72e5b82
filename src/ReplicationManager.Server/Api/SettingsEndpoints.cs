using Microsoft.AspNetCore.Http.HttpResults;
using ReplicationManager.Core.Monitoring;
using ReplicationManager.Core.Options;
using ReplicationManager.Server.Api.Auth;

namespace ReplicationManager.Server.Api;

/// <summary>
/// The configuration as the process runs with it (repman): every key of a cluster, or of <c>[Default]</c> for the
/// process-wide keys, with its value, default and where it was written. Secrets are masked.
/// </summary>
internal static class SettingsEndpoints
{
    public static IEndpointRouteBuilder MapSettingsEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/clusters/{cluster}/settings/effective", GetClusterSettings).ForAnyUser()
            .WithSummary("Every cluster key with its value, default and origin (repman)");
        routes.MapGet("/api/settings/effective", GetGlobalSettings).ForAnyUser()
            .WithSummary("Every process-wide key of [Default] with its value, default and origin (repman)");
        return routes;
    }

    public static Results<Ok<IReadOnlyList<EffectiveSetting>>, ProblemHttpResult> GetClusterSettings(string cluster, IClusterRegistry registry, RepmanOptions options)
    {
        if (registry.GetSnapshot(cluster) is null || ClustersEndpoints.OptionsOf(options, cluster) is not { } clusterOptions)
            return ApiProblems.ClusterNotFound(cluster);
        return TypedResults.Ok(clusterOptions.Section?.Effective(ConfigScope.Cluster) ?? []);
    }

    public static Ok<IReadOnlyList<EffectiveSetting>> GetGlobalSettings(RepmanOptions options) =>
        TypedResults.Ok(options.Global.Section?.Effective(ConfigScope.Global) ?? []);
}
