using ReplicationManager.Server.Api.Auth;

namespace ReplicationManager.Server.Tests.Api;

public sealed class ApiGrantsTests
{
    [Fact]
    public void APrefixGivesEveryGrantItPrefixes()
    {
        var grants = ApiGrants.Resolve(["db"], []);
        Assert.All(grants, grant => Assert.StartsWith("db-", grant, StringComparison.Ordinal));
        Assert.Equal(ApiGrants.All.Count(g => g.StartsWith("db-", StringComparison.Ordinal)), grants.Count);
        Assert.True(grants.Contains(ApiGrants.DbJobs), ApiGrants.DbJobs);
        Assert.False(grants.Contains(ApiGrants.ClusterProcess), ApiGrants.ClusterProcess);
    }

    [Fact]
    public void TheDefaultAdminAclGivesEveryGrant()
    {
        var grants = ApiGrants.Resolve(["global", "cluster", "proxy", "db", "prov"], []);
        Assert.Equal(ApiGrants.All.Count, grants.Count);
    }

    [Fact]
    public void DiscardedPrefixesTakeGrantsAway()
    {
        var grants = ApiGrants.Resolve(["db"], ["db-show", "db-kill"]);
        Assert.False(grants.Contains(ApiGrants.DbShowVariables), ApiGrants.DbShowVariables);
        Assert.False(grants.Contains(ApiGrants.DbShowStatus), ApiGrants.DbShowStatus);
        Assert.False(grants.Contains(ApiGrants.DbKill), ApiGrants.DbKill);
        Assert.True(grants.Contains(ApiGrants.DbReplication), ApiGrants.DbReplication);
    }

    [Fact]
    public void AnEmptyOrUnknownGrantGivesNothing()
    {
        Assert.Empty(ApiGrants.Resolve(["", "dbx", "cluster-nope"], []));
        Assert.False(ApiGrants.IsKnownPrefix("dbx"));
        Assert.True(ApiGrants.IsKnownPrefix("cluster-show"));
    }

    [Fact]
    public void GrantNamesAreUnique() => Assert.Equal(ApiGrants.All.Count, ApiGrants.All.Distinct().Count());
}
