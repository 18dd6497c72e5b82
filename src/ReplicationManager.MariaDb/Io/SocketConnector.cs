using System.Net;
using System.Net.Sockets;

namespace ReplicationManager.MariaDb.Io;

/// <summary>Opens the TCP socket to a server: resolves the host, tries each address in turn, sets TCP_NODELAY.</summary>
internal static class SocketConnector
{
    public static async Task<Transport> ConnectAsync(string host, int port, Deadline deadline, CancellationToken cancellationToken)
    {
        var endpoint = FormatEndpoint(host, port);
        using var source = deadline.CreateTokenSource(cancellationToken);
        var token = source?.Token ?? cancellationToken;
        try
        {
            var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, token);
            if (addresses.Length == 0)
                throw new MariaDbConnectionException($"connect to {endpoint} failed: the host name has no address");
            SocketException? last = null;
            foreach (var address in addresses)
            {
                var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(new IPEndPoint(address, port), token);
                    return new Transport(new NetworkStream(socket, ownsSocket: true), endpoint);
                }
                catch (SocketException ex)
                {
                    socket.Dispose();
                    last = ex;
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            }
            throw new MariaDbConnectionException($"connect to {endpoint} failed: {last!.Message}", last);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested && source is { IsCancellationRequested: true })
        {
            throw deadline.Expired(endpoint, ex);
        }
        catch (SocketException ex)
        {
            throw new MariaDbConnectionException($"connect to {endpoint} failed: {ex.Message}", ex);
        }
    }

    public static string FormatEndpoint(string host, int port) =>
        host.Contains(':', StringComparison.Ordinal) ? $"[{host}]:{port}" : $"{host}:{port}";
}
