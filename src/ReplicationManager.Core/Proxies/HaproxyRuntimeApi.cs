using System.Net.Sockets;
using System.Text;

namespace ReplicationManager.Core.Proxies;

/// <summary>
/// HAProxy's runtime API (its <c>stats socket ... level admin</c>) over TCP: one command per connection, the answer
/// read to the end. Changes the running HAProxy without a reload.
/// </summary>
internal sealed class HaproxyRuntimeApi(string host, int port, TimeSpan timeout)
{
    // Answers that mean the command was refused; everything else (often an empty line) is success.
    private static readonly string[] Refusals = ["No such", "Unknown command", "Require", "Invalid", "invalid", "not found", "Permission denied", "can't", "cannot"];

    public string Endpoint => $"{host}:{port}";

    public async Task<string> CommandAsync(string command, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(host, port, deadline.Token);
            await using var stream = client.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes(command + "\n"), deadline.Token);
            using var reader = new StreamReader(stream, Encoding.ASCII);
            var answer = await reader.ReadToEndAsync(deadline.Token);
            if (Refusals.Any(r => answer.Contains(r, StringComparison.Ordinal)))
                throw new ProxyException($"HAProxy {Endpoint} refused '{command}': {answer.Trim()}");
            return answer;
        }
        catch (Exception ex) when (ex is SocketException or IOException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new ProxyException($"HAProxy runtime API {Endpoint}: '{command}' failed: {(ex is OperationCanceledException ? $"no answer in {timeout.TotalSeconds:0} s" : ex.Message)}", ex);
        }
    }

    /// <summary>The servers of a backend from <c>show servers state</c>: name, address, port, admin state.</summary>
    public async Task<IReadOnlyList<HaproxyServer>> ServersAsync(string backend, CancellationToken cancellationToken)
    {
        var answer = await CommandAsync($"show servers state {backend}", cancellationToken);
        var servers = new List<HaproxyServer>();
        foreach (var line in answer.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (line.StartsWith('#'))
                continue;
            var fields = line.Split(' ');
            // be_id be_name srv_id srv_name srv_addr srv_op_state srv_admin_state ... srv_port is the 19th field.
            if (fields.Length < 19 || fields[1] != backend || !int.TryParse(fields[18], out var port))
                continue;
            servers.Add(new HaproxyServer(fields[3], fields[4], port, int.TryParse(fields[6], out var admin) ? admin : 0, fields[5]));
        }
        if (servers.Count == 0)
            throw new ProxyException($"HAProxy {Endpoint} has no server in backend {backend} (is haproxy-api-write-backend/-read-backend right?)");
        return servers;
    }
}

/// <summary>A server of an HAProxy backend; <paramref name="AdminState"/> bit 0x01 is forced maintenance, 0x08 drain.</summary>
internal sealed record HaproxyServer(string Name, string Address, int Port, int AdminState, string OperationalState)
{
    public bool IsInMaintenance => (AdminState & 0x01) != 0;

    public bool IsDraining => (AdminState & 0x08) != 0;
}
