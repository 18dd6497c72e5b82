namespace ReplicationManager.Server.Api.Auth;

/// <summary>What checking a bearer token found: the user it names, or why it is refused.</summary>
internal sealed record TokenValidation(string? UserName, string? Failure)
{
    public bool IsValid => UserName is not null;

    public static TokenValidation Valid(string userName) => new(userName, null);

    public static TokenValidation Refused(string failure) => new(null, failure);
}
