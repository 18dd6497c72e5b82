namespace ReplicationManager.Server.Api.Auth;

/// <summary>
/// Endpoint metadata: the route is also served on the plain HTTP check port (http-port). Routes without it answer
/// only on the HTTPS API port, so no token or password ever crosses the plain port.
/// </summary>
internal sealed class CheckPortEndpoint
{
    public static readonly CheckPortEndpoint Instance = new();

    private CheckPortEndpoint()
    {
    }
}
