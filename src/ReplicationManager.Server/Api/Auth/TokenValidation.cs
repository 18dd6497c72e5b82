namespace ReplicationManager.Server.Api.Auth;

/// <summary>What checking a bearer token found: the user it names (and the scope it is limited to), or why it is refused.</summary>
internal sealed record TokenValidation(string? UserName, TokenScope? Scope, string? Failure)
{
    public bool IsValid => UserName is not null;

    public static TokenValidation Valid(string userName) => new(userName, null, null);

    public static TokenValidation Scoped(string userName, TokenScope scope) => new(userName, scope, null);

    public static TokenValidation Refused(string failure) => new(null, null, failure);
}

/// <summary>The cluster and server (<c>host:port</c>) a job script's token may act for, and nothing else.</summary>
internal sealed record TokenScope(string Cluster, string Server);
