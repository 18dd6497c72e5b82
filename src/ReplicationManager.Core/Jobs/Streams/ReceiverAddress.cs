using System.Net;
using System.Net.Sockets;

namespace ReplicationManager.Core.Jobs.Streams;

/// <summary>The address receivers bind: <c>monitoring-address</c>, resolved when it is a name (IPv4 preferred).</summary>
internal static class ReceiverAddress
{
    public static async Task<IPAddress> ResolveAsync(string monitoringAddress, CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(monitoringAddress, out var ip))
            return ip;
        var resolved = await Dns.GetHostAddressesAsync(monitoringAddress, cancellationToken);
        return resolved.FirstOrDefault(candidate => candidate.AddressFamily == AddressFamily.InterNetwork)
            ?? resolved.FirstOrDefault()
            ?? throw new InvalidOperationException($"monitoring-address '{monitoringAddress}' does not resolve");
    }
}
