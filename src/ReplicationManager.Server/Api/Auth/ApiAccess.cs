namespace ReplicationManager.Server.Api.Auth;

/// <summary>
/// Endpoint metadata: who may call the route. <see cref="Public"/> routes need nothing; the others need a valid
/// token, and <see cref="Grant"/>, when set, a user holding that grant.
/// </summary>
internal sealed record ApiAccess(bool RequiresToken, string? Grant)
{
    public static readonly ApiAccess Public = new(false, null);

    /// <summary>Any logged-in user (replication-manager's "always allowed" URLs).</summary>
    public static readonly ApiAccess AnyUser = new(true, null);

    public static ApiAccess Granted(string grant) => new(true, grant);

    public override string ToString() => !RequiresToken ? "public" : Grant ?? "token";
}
