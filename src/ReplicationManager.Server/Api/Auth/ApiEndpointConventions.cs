namespace ReplicationManager.Server.Api.Auth;

/// <summary>How endpoints declare their access rules: <c>.Public()</c>, <c>.ForAnyUser()</c>, <c>.RequireGrant(...)</c>.</summary>
internal static class ApiEndpointConventions
{
    public static TBuilder Public<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(ApiAccess.Public);

    public static TBuilder ForAnyUser<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(ApiAccess.AnyUser);

    public static TBuilder RequireGrant<TBuilder>(this TBuilder builder, string grant) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(ApiAccess.Granted(grant));

    /// <summary>A job script's route: a token with db-jobs (scoped to the route's server), or the server's password in the body.</summary>
    public static TBuilder ForJobScript<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(ApiAccess.JobScript);

    /// <summary>Also serve the route on the plain HTTP check port; only for public routes.</summary>
    public static TBuilder OnCheckPort<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(CheckPortEndpoint.Instance);
}
