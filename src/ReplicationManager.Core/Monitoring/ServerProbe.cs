using ReplicationManager.Core.Topology;
using ReplicationManager.MariaDb;

namespace ReplicationManager.Core.Monitoring;

/// <summary>
/// Probes one server through one persistent connection, reopened only when it breaks. When the main port refuses
/// with 1040 (too many connections), the probe goes through the server's <c>extra_port</c> (learned from an earlier
/// reading) and tries the main port again at each tick, closing the extra-port connection as soon as it can.
/// A new connection starts with a full reading (every variable and status value); the ticks after it read only what
/// topology and failover decide on (<see cref="ProbeStatements.Quick"/>) until <see cref="ServerProbeSettings.FullReadInterval"/>
/// has passed since the last full reading.
/// </summary>
internal sealed class ServerProbe(ServerAddress address, ServerProbeSettings settings, TimeProvider timeProvider) : IServerProbe
{
    private MariaDbConnection? _connection;
    private int _connectedPort;
    private string? _extraPortReason;
    private int? _extraPort;
    private bool _readReplicaHosts = true;
    private bool _variablesByName;
    private ProbeReading? _previous;
    private long _lastFullRead;
    private bool _fullReadDue = true;

    public void LearnExtraPort(int extraPort) => _extraPort = extraPort;

    public async Task<ProbeResult> ProbeAsync(CancellationToken cancellationToken)
    {
        var started = timeProvider.GetTimestamp();
        try
        {
            if (_extraPortReason is not null && _connection is not null)
                await TryMainPortAgainAsync(cancellationToken);
            var reused = _connection is { IsBroken: false };
            if (!reused)
                await ConnectAsync(cancellationToken);
            ProbeReading reading;
            try
            {
                reading = await ReadAsync(cancellationToken);
            }
            catch (MariaDbException ex) when (reused && IsStaleConnection(ex))
            {
                // A connection idle since the last tick may have been killed or timed out: one fresh attempt decides.
                await CloseAsync();
                await ConnectAsync(cancellationToken);
                reading = await ReadAsync(cancellationToken);
            }
            Learn(reading);
            return ProbeResult.Reached(reading, timeProvider.GetElapsedTime(started));
        }
        catch (MariaDbException ex)
        {
            await CloseAsync();
            var (failure, reason) = ProbeFailures.Classify(ex);
            return ProbeResult.Unreachable(failure, reason, timeProvider.GetElapsedTime(started));
        }
        catch (InvalidOperationException ex)
        {
            await CloseAsync();
            return ProbeResult.Unreachable(ProbeFailure.ConnectionLost, ex.Message, timeProvider.GetElapsedTime(started));
        }
    }

    public async ValueTask DisposeAsync() => await CloseAsync();

    private async Task<ProbeReading> ReadAsync(CancellationToken cancellationToken)
    {
        if (!_fullReadDue && !_variablesByName && _previous is { } previous && timeProvider.GetElapsedTime(_lastFullRead) < settings.FullReadInterval)
            return await ProbeQuery.ReadQuickAsync(_connection!, _connectedPort, _readReplicaHosts, _extraPortReason, previous, cancellationToken);
        var reading = await ReadFullAsync(cancellationToken);
        (_fullReadDue, _lastFullRead) = (false, timeProvider.GetTimestamp());
        return reading;
    }

    private async Task<ProbeReading> ReadFullAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await ProbeQuery.ReadAsync(_connection!, _connectedPort, _variablesByName, _readReplicaHosts, _extraPortReason, cancellationToken, _previous);
        }
        catch (MariaDbException ex) when (ex.ErrorCode == MariaDbErrorCodes.UnknownSystemVariable && !_variablesByName)
        {
            // An older or differently built server lacks one of the variables: read them by name from now on.
            _variablesByName = true;
            return await ProbeQuery.ReadAsync(_connection!, _connectedPort, _variablesByName, _readReplicaHosts, _extraPortReason, cancellationToken, _previous);
        }
    }

    private async Task ConnectAsync(CancellationToken cancellationToken)
    {
        try
        {
            _connection = await OpenAsync(address.Port, cancellationToken);
            _connectedPort = address.Port;
            _extraPortReason = null;
            _fullReadDue = true;
        }
        catch (MariaDbException ex) when (ex.ErrorCode == MariaDbErrorCodes.TooManyConnections)
        {
            if (_extraPort is not > 0)
                throw new MariaDbException($"too many connections (1040) on port {address.Port}, and no extra_port is known", ex.ErrorCode, ex.SqlState);
            var extraPort = _extraPort.Value;
            try
            {
                _connection = await OpenAsync(extraPort, cancellationToken);
            }
            catch (MariaDbException extra)
            {
                throw new MariaDbException(
                    $"too many connections (1040) on port {address.Port}, and extra_port {extraPort} failed too: {extra.Message}",
                    extra.ErrorCode, extra.SqlState);
            }
            _connectedPort = extraPort;
            _extraPortReason = $"too many connections (1040) on port {address.Port}";
            _fullReadDue = true;
        }
    }

    private async Task TryMainPortAgainAsync(CancellationToken cancellationToken)
    {
        try
        {
            var main = await OpenAsync(address.Port, cancellationToken);
            await CloseAsync();
            _connection = main;
            _connectedPort = address.Port;
            _extraPortReason = null;
            _fullReadDue = true;
        }
        catch (MariaDbException ex)
        {
            _extraPortReason = ex.ErrorCode == MariaDbErrorCodes.TooManyConnections
                ? $"too many connections (1040) on port {address.Port}"
                : $"port {address.Port} fails: {ProbeFailures.Classify(ex).Reason}";
        }
    }

    private static bool IsStaleConnection(MariaDbException exception) =>
        exception is MariaDbConnectionException || exception.ErrorCode == MariaDbErrorCodes.ConnectionKilled;

    private Task<MariaDbConnection> OpenAsync(int port, CancellationToken cancellationToken) =>
        MariaDbConnection.OpenAsync(settings.ConnectOptions(address.Host, port), cancellationToken);

    private void Learn(ProbeReading reading)
    {
        _previous = reading;
        if (reading.Variables.TryGetValue("EXTRA_PORT", out var extraPort) && int.TryParse(extraPort, out var port))
            _extraPort = port;
        // MariaDB counts connected replicas in its status: read SHOW SLAVE HOSTS only on servers that have some.
        _readReplicaHosts = reading.Flavor != ServerFlavor.MariaDb
            || !reading.Status.TryGetValue("SLAVES_CONNECTED", out var connected) || connected != "0";
    }

    private async Task CloseAsync()
    {
        if (_connection is { } connection)
        {
            _connection = null;
            await connection.DisposeAsync();
        }
    }
}
