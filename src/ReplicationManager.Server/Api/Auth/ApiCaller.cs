namespace ReplicationManager.Server.Api.Auth;

/// <summary>The logged-in user of the current request, set by <see cref="ApiAccessMiddleware"/>.</summary>
internal static class ApiCaller
{
    private static readonly object Key = new();

    public static void Set(HttpContext context, ApiUser user) => context.Items[Key] = user;

    public static ApiUser? Get(HttpContext context) => context.Items.TryGetValue(Key, out var user) ? user as ApiUser : null;
}
