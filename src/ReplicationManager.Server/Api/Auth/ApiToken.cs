namespace ReplicationManager.Server.Api.Auth;

/// <summary>A signed token and the moment it stops being accepted.</summary>
internal sealed record ApiToken(string Value, DateTimeOffset ExpiresAt);
