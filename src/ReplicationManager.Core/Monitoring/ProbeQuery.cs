using ReplicationManager.Core.Topology;
using ReplicationManager.MariaDb;

namespace ReplicationManager.Core.Monitoring;

/// <summary>Runs a probe's batch on an open connection and reads its result sets into a <see cref="ProbeReading"/>.</summary>
internal static class ProbeQuery
{
    /// <exception cref="MariaDbException">Error 1193 (unknown system variable) when the server lacks a variable
    /// read through <c>@@</c>: ask again with <paramref name="variablesByName"/>.</exception>
    public static async Task<ProbeReading> ReadAsync(MariaDbConnection connection, int port, bool variablesByName, bool readReplicaHosts,
        string? extraPortReason, CancellationToken cancellationToken)
    {
        var server = connection.Server;
        await using var reader = await connection.ExecuteReaderAsync(
            ProbeStatements.For(server).Batch(variablesByName, readReplicaHosts), cancellationToken);
        var variables = variablesByName ? await ReadNameValuesAsync(reader, cancellationToken) : await ReadSelectedAsync(reader, cancellationToken);
        await NextAsync(reader, cancellationToken);
        var status = await ReadNameValuesAsync(reader, cancellationToken);
        await NextAsync(reader, cancellationToken);
        var channels = new List<ReplicationChannel>();
        while (await reader.ReadAsync(cancellationToken))
            channels.Add(ReplicationChannelParser.Parse(ReadRow(reader)));
        await NextAsync(reader, cancellationToken);
        BinlogPosition? binlog = null;
        if (await reader.ReadAsync(cancellationToken))
            binlog = new BinlogPosition(reader[0].GetString(), reader[1].GetInt64());
        List<ReplicaHost>? replicaHosts = null;
        if (readReplicaHosts)
        {
            await NextAsync(reader, cancellationToken);
            replicaHosts = [];
            while (await reader.ReadAsync(cancellationToken))
                replicaHosts.Add(ReadReplicaHost(reader));
        }
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
            BinlogPosition = binlog,
            ReplicaHosts = replicaHosts,
        };
    }

    private static async Task NextAsync(MariaDbDataReader reader, CancellationToken cancellationToken)
    {
        if (!await reader.NextResultAsync(cancellationToken))
            throw new InvalidOperationException("the monitoring batch returned fewer result sets than statements");
    }

    private static async Task<Dictionary<string, string>> ReadSelectedAsync(MariaDbDataReader reader, CancellationToken cancellationToken)
    {
        var values = new Dictionary<string, string>(reader.FieldCount, StringComparer.OrdinalIgnoreCase);
        if (!await reader.ReadAsync(cancellationToken))
            return values;
        for (var i = 0; i < reader.FieldCount; i++)
        {
            var name = reader.Columns[i].Name;
            values[name] = reader[i].IsNull ? "" : MonitoredVariables.AsShown(name, reader[i].GetString());
        }
        return values;
    }

    private static async Task<Dictionary<string, string>> ReadNameValuesAsync(MariaDbDataReader reader, CancellationToken cancellationToken)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        while (await reader.ReadAsync(cancellationToken))
            values[reader[0].GetString().ToUpperInvariant()] = reader[1].IsNull ? "" : reader[1].GetString();
        return values;
    }

    private static Dictionary<string, string?> ReadRow(MariaDbDataReader reader)
    {
        var row = new Dictionary<string, string?>(reader.FieldCount, StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < reader.FieldCount; i++)
        {
            var value = reader[i];
            row[reader.Columns[i].Name] = value.IsNull ? null : value.GetString();
        }
        return row;
    }

    // SHOW SLAVE HOSTS: Server_id, Host, Port, Master_id (MySQL 8: Server_Id, Host, Port, Source_Id, Replica_UUID).
    private static ReplicaHost ReadReplicaHost(MariaDbDataReader reader) =>
        new(reader[0].GetInt64(), reader[1].IsNull ? "" : reader[1].GetString(), reader[2].IsNull ? 0 : reader[2].GetInt32());
}
