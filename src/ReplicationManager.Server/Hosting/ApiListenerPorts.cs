namespace ReplicationManager.Server.Hosting;

/// <summary>Which port a request came in on: the HTTPS API port or the plain HTTP check port.</summary>
internal sealed record ApiListenerPorts(int ApiPort, int CheckPort)
{
    public bool IsCheckPort(HttpContext context) =>
        CheckPort != ApiPort && context.Connection.LocalPort == CheckPort;
}
