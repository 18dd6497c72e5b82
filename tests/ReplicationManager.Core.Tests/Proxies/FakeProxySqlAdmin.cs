using System.Net;
using System.Net.Sockets;
using ReplicationManager.Core.Tests.MariaDb;

namespace ReplicationManager.Core.Tests.Proxies;

/// <summary>
/// A FAKE of ProxySQL's admin interface (ProxySQL is not packaged for Debian, so no real one can run here): a TCP
/// listener on loopback speaking the MySQL protocol, letting any user in, answering OK to every statement and
/// recording them in order. A statement can be made to fail, as a real admin refuses an unknown table.
/// </summary>
internal sealed class FakeProxySqlAdmin : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<string> _statements = [];
    private readonly Task _accepting;

    public FakeProxySqlAdmin(string? failOn = null)
    {
        FailOn = failOn;
        _listener.Start();
        _accepting = AcceptAsync(_stop.Token);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public string? FailOn { get; }

    public IReadOnlyList<string> Statements
    {
        get
        {
            lock (_statements)
                return [.. _statements];
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }

    private async Task AcceptAsync(CancellationToken stop)
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                using var client = await _listener.AcceptTcpClientAsync(stop);
                await ServeAsync(client, stop);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }

    private async Task ServeAsync(TcpClient client, CancellationToken stop)
    {
        await using var server = FakeServer.Over(client.GetStream());
        await server.SendHandshakeAsync(version: "5.5.30 (ProxySQL Admin Module)");
        await server.ReceiveHandshakeResponseAsync();
        await server.SendOkAsync();
        while (!stop.IsCancellationRequested)
        {
            byte[] payload;
            try
            {
                payload = await server.ReceiveCommandPayloadAsync();
            }
            catch (EndOfStreamException)
            {
                return;
            }
            if (payload[0] == 1) // COM_QUIT
                return;
            var sql = System.Text.Encoding.UTF8.GetString(payload.AsSpan(1));
            lock (_statements)
                _statements.Add(sql);
            if (FailOn is not null && sql.Contains(FailOn, StringComparison.Ordinal))
                await server.SendErrorAsync(1045, "28000", "ProxySQL Admin Error: no such table: " + FailOn);
            else
                await server.SendOkAsync();
        }
    }
}
