using System.Collections.Frozen;

namespace ReplicationManager.Server.Api.Auth;

/// <summary>An API user as the configuration defines it: a name and the grants it holds. Never the password.</summary>
internal sealed record ApiUser(string Name, FrozenSet<string> Grants)
{
    public bool Holds(string grant) => Grants.Contains(grant);
}
