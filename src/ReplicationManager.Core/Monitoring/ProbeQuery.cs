using System.Globalization;
using ReplicationManager.Core.Topology;
using ReplicationManager.MariaDb;

namespace ReplicationManager.Core.Monitoring;

/// <summary>
/// Runs a probe's batch on an open connection and reads its result sets into a <see cref="ProbeReading"/>. Given the
/// previous reading, it keeps what did not change (the strings, the variables, a replication channel whose row is
/// the same), so that a tick costs what changed, not what exists.
/// </summary>
internal static class ProbeQuery
{
    /// <exception cref="MariaDbException">Error 1193 (unknown system variable) when the server lacks a variable
    /// read through <c>@@</c>: ask again with <paramref name="variablesByName"/>.</exception>
    public static async Task<ProbeReading> ReadAsync(MariaDbConnection connection, int port, bool variablesByName, bool readReplicaHosts,
        string? extraPortReason, CancellationToken cancellationToken, ProbeReading? previous = null)
    {
        var server = connection.Server;
        var statements = ProbeStatements.For(server);
        await using var reader = await connection.ExecuteReaderAsync(statements.Batch(variablesByName, readReplicaHosts), cancellationToken);
        var (variables, status) = await ReadValuesAsync(reader, previous, cancellationToken);
        await NextAsync(reader, cancellationToken);
        var channels = await ReadChannelsAsync(reader, previous, cancellationToken);
        var binlog = BinlogFromStatus(status);
        if (statements.ReadsBinlogStatus)
        {
            await NextAsync(reader, cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
                binlog = new BinlogPosition(reader[0].GetString(), reader[1].GetInt64());
        }
        var replicaHosts = readReplicaHosts ? await ReadReplicaHostsAsync(reader, cancellationToken) : null;
        return new ProbeReading
        {
            Port = port,
            ExtraPortReason = extraPortReason,
            VersionString = server.VersionString,
            Version = server.Version,
            Flavor = server.IsMariaDb ? ServerFlavor.MariaDb : ServerFlavor.MySql,
            Variables = variables,
            Status = status,
            Channels = channels,
            BinlogPosition = binlog == previous?.BinlogPosition ? previous?.BinlogPosition : binlog,
            ReplicaHosts = replicaHosts,
        };
    }

    /// <summary>
    /// A tick between two full readings: the variables read every tick over the previous ones, the replication
    /// channels and the connected replicas; the status values, the other variables and the binary log position
    /// are the previous reading's.
    /// </summary>
    public static async Task<ProbeReading> ReadQuickAsync(MariaDbConnection connection, int port, bool readReplicaHosts, string? extraPortReason,
        ProbeReading previous, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(previous);
        await using var reader = await connection.ExecuteReaderAsync(ProbeStatements.For(connection.Server).Quick(readReplicaHosts), cancellationToken);
        var variables = previous.Variables;
        if (await reader.ReadAsync(cancellationToken))
            variables = Overlay(reader, previous.Variables);
        await NextAsync(reader, cancellationToken);
        var channels = await ReadChannelsAsync(reader, previous, cancellationToken);
        var replicaHosts = readReplicaHosts ? await ReadReplicaHostsAsync(reader, cancellationToken) : null;
        return previous with
        {
            Port = port,
            ExtraPortReason = extraPortReason,
            Variables = variables,
            Channels = channels,
            ReplicaHosts = replicaHosts,
        };
    }

    /// <summary>The row of every-tick variables written over the previous variables: the same map when none moved.</summary>
    private static IReadOnlyDictionary<string, string> Overlay(MariaDbDataReader reader, IReadOnlyDictionary<string, string> previous)
    {
        var named = previous as NamedValues<string>;
        string[]? values = null;
        for (var i = 0; i < reader.FieldCount; i++)
        {
            var name = reader.Columns[i].Name;
            var before = previous.GetValueOrDefault(name);
            var value = Shown(name, reader[i], before);
            if (ReferenceEquals(value, before) || value == before)
                continue;
            if (named is null || !named.Index.TryGetPosition(name, out var position))
                return Copied(reader, previous);
            values ??= [.. named.Values];
            values[position] = value;
        }
        return values is null ? previous : new NamedValues<string>(named!.Index, values);
    }

    // Not the probe's own map, or a name it lacks: a plain copy with the row written over it.
    private static Dictionary<string, string> Copied(MariaDbDataReader reader, IReadOnlyDictionary<string, string> previous)
    {
        var copy = new Dictionary<string, string>(previous, StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < reader.FieldCount; i++)
            copy[reader.Columns[i].Name] = Shown(reader.Columns[i].Name, reader[i], null);
        return copy;
    }

    private static async Task<List<ReplicationChannel>> ReadChannelsAsync(MariaDbDataReader reader, ProbeReading? previous,
        CancellationToken cancellationToken)
    {
        var channels = new List<ReplicationChannel>(previous?.Channels.Count ?? 1);
        while (await reader.ReadAsync(cancellationToken))
            channels.Add(ReadChannel(reader, previous?.Channels.ElementAtOrDefault(channels.Count)));
        return channels;
    }

    private static async Task<List<ReplicaHost>> ReadReplicaHostsAsync(MariaDbDataReader reader, CancellationToken cancellationToken)
    {
        await NextAsync(reader, cancellationToken);
        var replicaHosts = new List<ReplicaHost>();
        while (await reader.ReadAsync(cancellationToken))
            replicaHosts.Add(ReadReplicaHost(reader));
        return replicaHosts;
    }

    private static async Task NextAsync(MariaDbDataReader reader, CancellationToken cancellationToken)
    {
        if (!await reader.NextResultAsync(cancellationToken))
            throw new InvalidOperationException("the monitoring batch returned fewer result sets than statements");
    }

    /// <summary>
    /// The name-value rows: status values and variables apart, names upper case, booleans as SHOW shows them. Rows
    /// come in the same order every tick: a row whose name is the one at its place last time keeps that name and its
    /// index, and the previous variables are kept whole when none changed (they rarely do).
    /// </summary>
    private static async Task<(IReadOnlyDictionary<string, string> Variables, IReadOnlyDictionary<string, string> Status)> ReadValuesAsync(
        MariaDbDataReader reader, ProbeReading? previous, CancellationToken cancellationToken)
    {
        var lastVariables = previous?.Variables as NamedValues<string>;
        var lastStatus = previous?.Status as NamedValues<string>;
        var variables = new Rows(lastVariables);
        var status = new Rows(lastStatus);
        while (await reader.ReadAsync(cancellationToken))
        {
            var rawName = reader[0].Raw;
            var value = reader[1];
            if (status.NextNameIs(rawName) is { } statusName)
                status.Add(statusName, Text(value, lastStatus!.At(status.Count)));
            else if (variables.NextNameIs(rawName) is { } variableName)
                variables.Add(variableName, Shown(variableName, value, lastVariables!.At(variables.Count)));
            else if (UnchangedText.Name(rawName) is var name && MonitoredVariables.IsStatus(name))
                status.Add(name, Text(value, null));
            else
                variables.Add(name, Shown(name, value, null));
        }
        return (variables.ToValues(), status.ToValues());
    }

    private static string Shown(string name, MariaDbValue value, string? before) =>
        MonitoredVariables.AsShown(name, Text(value, before is null ? null : MonitoredVariables.AsRead(name, before)));

    private static string Text(MariaDbValue value, string? previous) => value.IsNull ? "" : UnchangedText.Text(value.Raw, previous);

    /// <summary>A replication status row: the previous channel itself when every column is as it was.</summary>
    private static ReplicationChannel ReadChannel(MariaDbDataReader reader, ReplicationChannel? previous)
    {
        var before = previous?.Columns as NamedValues<string?>;
        var columns = reader.Columns;
        var index = before is not null && SameNames(before.Index, columns) ? before.Index : new NameIndex(columns.Select(c => c.Name).ToList());
        var values = new string?[columns.Count];
        var changed = !ReferenceEquals(index, before?.Index);
        for (var i = 0; i < values.Length; i++)
        {
            var old = changed ? null : before!.At(i);
            values[i] = reader[i].IsNull ? null : UnchangedText.Text(reader[i].Raw, old);
            changed |= !ReferenceEquals(values[i], old);
        }
        return changed ? ReplicationChannelParser.Parse(new NamedValues<string?>(index, values)) : previous!;
    }

    private static bool SameNames(NameIndex index, IReadOnlyList<MariaDbColumn> columns)
    {
        if (index.Count != columns.Count)
            return false;
        for (var i = 0; i < columns.Count; i++)
        {
            if (!string.Equals(index.Names[i], columns[i].Name, StringComparison.Ordinal))
                return false;
        }
        return true;
    }

    /// <summary>One kind of the name-value rows (status or variables) as read this tick, against last tick's.</summary>
    private sealed class Rows(NamedValues<string>? last)
    {
        private readonly List<string> _names = new(last?.Count ?? 32);
        private readonly List<string> _values = new(last?.Count ?? 32);
        private bool _changedValue = last is null;

        public int Count => _names.Count;

        /// <summary>The name at this row's place last time, when the row has it.</summary>
        public string? NextNameIs(ReadOnlySpan<byte> rawName) =>
            last is not null && Count < last.Count && last.Index.Names[Count] is var name
            && name.Length == rawName.Length && System.Text.Ascii.EqualsIgnoreCase(rawName, name)
                ? name
                : null;

        public void Add(string name, string value)
        {
            _changedValue |= Count >= (last?.Count ?? 0) || !ReferenceEquals(value, last!.At(Count)) && value != last.At(Count);
            _names.Add(name);
            _values.Add(value);
        }

        public NamedValues<string> ToValues()
        {
            var sameNames = last is not null && last.Index.IsFor(_names);
            if (sameNames && !_changedValue)
                return last!;
            return new NamedValues<string>(sameNames ? last!.Index : new NameIndex(_names), [.. _values]);
        }
    }

    // MariaDB without a binary log answers an empty file name.
    private static BinlogPosition? BinlogFromStatus(IReadOnlyDictionary<string, string> status) =>
        status.TryGetValue(MonitoredVariables.BinlogFile, out var file) && file.Length > 0
        && long.TryParse(status.GetValueOrDefault(MonitoredVariables.BinlogOffset), CultureInfo.InvariantCulture, out var offset)
            ? new BinlogPosition(file, offset)
            : null;

    // SHOW SLAVE HOSTS: Server_id, Host, Port, Master_id (MySQL 8: Server_Id, Host, Port, Source_Id, Replica_UUID).
    private static ReplicaHost ReadReplicaHost(MariaDbDataReader reader) =>
        new(reader[0].GetInt64(), reader[1].IsNull ? "" : reader[1].GetString(), reader[2].IsNull ? 0 : reader[2].GetInt32());
}
