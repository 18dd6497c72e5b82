namespace ReplicationManager.Server.Hosting;

/// <summary>The API's two ports, and which one a request came in on.</summary>
internal sealed record ApiListenerPorts(int ApiPort, int CheckPort)
{
    /// <summary>
    /// The API port only speaks TLS, so a plain HTTP request came through the check port, whatever the addresses
    /// and port numbers (the two may even share a number on different addresses).
    /// </summary>
    public static bool IsCheckPort(HttpContext context) => !context.Request.IsHttps;
}
