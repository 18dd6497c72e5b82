using System.Net;
using System.Net.Sockets;

namespace ReplicationManager.IntegrationTests.Api;

/// <summary>Loopback ports nobody listens on right now, for servers a test starts.</summary>
internal static class FreePorts
{
    private const int Lowest = 20000;
    private static readonly int EphemeralFloor = ReadEphemeralFloor();
    private static int _next = Lowest + Random.Shared.Next(0, Math.Max(1, (EphemeralFloor - Lowest) / 2));

    /// <summary>
    /// A port free on 127.0.0.1 for a server a test starts, taken below the kernel's ephemeral range: a port the
    /// kernel hands out (to a port-0 listener, or as the local port of any outgoing connection of the tests running
    /// meanwhile) could be taken between this pick and the server's bind, which a soak run saw fail a repman start.
    /// </summary>
    public static int Next()
    {
        while (true)
        {
            var port = Interlocked.Increment(ref _next);
            if (port >= EphemeralFloor)
            {
                Interlocked.CompareExchange(ref _next, Lowest, port);
                continue;
            }
            if (IsFree(IPAddress.Loopback, port))
                return port;
        }
    }

    /// <summary>The first port of net.ipv4.ip_local_port_range (32768 on Debian), or that default when unreadable.</summary>
    private static int ReadEphemeralFloor()
    {
        try
        {
            var first = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries)[0];
            return Math.Max(Lowest + 1000, int.Parse(first, System.Globalization.CultureInfo.InvariantCulture));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return 32768;
        }
    }

    public static bool IsFree(IPAddress address, int port)
    {
        try
        {
            using var listener = new TcpListener(address, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
