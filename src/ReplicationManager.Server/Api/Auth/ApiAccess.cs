namespace ReplicationManager.Server.Api.Auth;

/// <summary>
/// Endpoint metadata: who may call the route. <see cref="Public"/> routes need nothing; the others need a valid
/// token, and <see cref="Grant"/>, when set, a user holding that grant. A job-script route
/// (<see cref="AcceptsServerSecret"/>) also takes a call without a token whose body is encrypted with the server's
/// password, as replication-manager's own scripts send (DECISIONS 15); its handler checks that body.
/// </summary>
internal sealed record ApiAccess(bool RequiresToken, string? Grant, bool AcceptsServerSecret = false, bool PublicOnCheckPort = false, bool AcceptsBasic = false)
{
    public static readonly ApiAccess Public = new(false, null);

    /// <summary>Any logged-in user (replication-manager's "always allowed" URLs).</summary>
    public static readonly ApiAccess AnyUser = new(true, null);

    public static ApiAccess Granted(string grant) => new(true, grant);

    /// <summary>The job script's routes: a token holding db-jobs, or a body proving the server's password.</summary>
    public static readonly ApiAccess JobScript = new(true, ApiGrants.DbJobs, AcceptsServerSecret: true);

    /// <summary>A grant on the API port, nothing on the check port (which serves the route only when configured to).</summary>
    public static ApiAccess GrantedOrCheckPort(string grant) => new(true, grant, PublicOnCheckPort: true, AcceptsBasic: true);

    /// <summary>
    /// A route that scrapers and dashboards poll (metrics, Graphite): a token, or the user's name and password as HTTP
    /// Basic, since Prometheus and Grafana keep static credentials and tokens expire.
    /// </summary>
    public static ApiAccess GrantedForScrapers(string grant) => new(true, grant, AcceptsBasic: true);

    public override string ToString() =>
        !RequiresToken ? "public" : AcceptsServerSecret ? $"{Grant} or the server's password" : AcceptsBasic ? $"{Grant} (token, or HTTP Basic with the user's password)" : Grant ?? "token";
}
