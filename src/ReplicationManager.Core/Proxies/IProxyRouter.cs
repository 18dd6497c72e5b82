namespace ReplicationManager.Core.Proxies;

/// <summary>A proxy in front of a cluster that repman points at the primary and the replicas.</summary>
public interface IProxyRouter
{
    /// <summary>The proxy in words, for logs: kind and address.</summary>
    string Name { get; }

    /// <summary>Makes the proxy route as asked; throws <see cref="ProxyException"/> saying what failed.</summary>
    Task RouteAsync(ProxyRoute route, CancellationToken cancellationToken);
}

/// <summary>A proxy refused or failed a change; the message names the proxy and the command.</summary>
public sealed class ProxyException(string message, Exception? inner = null) : Exception(message, inner);
