using System.Globalization;
using ReplicationManager.Core.Topology;

namespace ReplicationManager.Core.Monitoring;

/// <summary>Builds the observed part of a <see cref="ServerSnapshot"/>: from a probe's reading, or from a failed probe.</summary>
internal static class ServerSnapshots
{
    /// <summary>What a successful probe read; the state is Unknown, left for <see cref="TopologyAnalyzer"/> to derive.</summary>
    public static ServerSnapshot FromReading(ServerSnapshot previous, ProbeReading reading, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(reading);
        var variables = reading.Variables;
        var status = reading.Status;
        return previous with
        {
            State = ServerState.Unknown,
            StateReason = null,
            FailCount = 0,
            LastProbe = now,
            LastSeen = now,
            IsFromSavedState = false,
            LastError = null,
            MonitoringPort = reading.Port,
            ExtraPortReason = reading.ExtraPortReason,
            VersionString = reading.VersionString,
            Version = reading.Version,
            Flavor = reading.Flavor,
            ServerId = Number(variables, "SERVER_ID"),
            ReadOnly = IsOn(variables, "READ_ONLY"),
            LogBin = IsOn(variables, "LOG_BIN"),
            BinlogFormat = variables.GetValueOrDefault("BINLOG_FORMAT", ""),
            LogSlaveUpdates = IsOn(variables, "LOG_SLAVE_UPDATES"),
            GtidStrictMode = IsOn(variables, "GTID_STRICT_MODE"),
            GtidBinlogPos = Gtids(previous, variables, "GTID_BINLOG_POS", previous.GtidBinlogPos),
            GtidBinlogState = Gtids(previous, variables, "GTID_BINLOG_STATE", previous.GtidBinlogState),
            GtidCurrentPos = Gtids(previous, variables, "GTID_CURRENT_POS", previous.GtidCurrentPos),
            GtidSlavePos = Gtids(previous, variables, "GTID_SLAVE_POS", previous.GtidSlavePos),
            BinlogPosition = reading.BinlogPosition,
            ExtraPort = (int?)Number(variables, "EXTRA_PORT"),
            MaxConnections = (int?)Number(variables, "MAX_CONNECTIONS"),
            ThreadsConnected = Number(status, "THREADS_CONNECTED"),
            ThreadsRunning = Number(status, "THREADS_RUNNING"),
            Variables = variables,
            Status = status,
            ReplicationChannels = reading.Channels,
            ReplicaHosts = reading.ReplicaHosts ?? (ReplicasConnected(status) ? previous.ReplicaHosts : []),
        };
    }

    /// <summary>A failed probe: the last reading is kept (it is what repman last knew), the failure recorded.</summary>
    public static ServerSnapshot FromFailure(ServerSnapshot previous, ProbeResult result, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(result);
        return previous with
        {
            LastProbe = now,
            IsFromSavedState = false,
            LastError = result.Reason,
            ExtraPortReason = null,
            MonitoringPort = previous.Address.Port,
        };
    }

    private static bool IsOn(IReadOnlyDictionary<string, string> values, string name) =>
        values.TryGetValue(name, out var value) && (value.Equals("ON", StringComparison.OrdinalIgnoreCase) || value == "1");

    private static long? Number(IReadOnlyDictionary<string, string> values, string name) =>
        values.TryGetValue(name, out var value) && long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
            ? number
            : null;

    // An idle server's positions do not move between ticks: keep the list parsed last time when the text is the same.
    private static GtidList Gtids(ServerSnapshot previous, IReadOnlyDictionary<string, string> values, string name, GtidList parsed)
    {
        var text = values.GetValueOrDefault(name);
        return text is not null && previous.Variables.TryGetValue(name, out var before) && string.Equals(before, text, StringComparison.Ordinal)
            ? parsed
            : GtidList.ParseOrEmpty(text);
    }

    private static bool ReplicasConnected(IReadOnlyDictionary<string, string> status) =>
        !status.TryGetValue("SLAVES_CONNECTED", out var connected) || connected != "0";
}
