using ReplicationManager.Core.Topology;

namespace ReplicationManager.Core.Failover;

/// <summary>Restarts a database server and returns once the restart is done (the server may still be catching up).</summary>
public interface IServerRestart
{
    /// <summary>Restarts <paramref name="server"/>; throws <see cref="RestartFailedException"/> saying why it could not.</summary>
    Task RestartAsync(ServerAddress server, CancellationToken cancellationToken);
}

/// <summary>A restart that did not happen or did not end well; the message names the server and the cause.</summary>
public sealed class RestartFailedException(string message) : Exception(message);
