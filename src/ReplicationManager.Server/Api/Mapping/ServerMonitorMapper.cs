using System.Globalization;
using ReplicationManager.Core.Options;
using ReplicationManager.Core.Topology;
using ReplicationManager.Server.Api.Contracts;

namespace ReplicationManager.Server.Api.Mapping;

/// <summary>A server snapshot in replication-manager's JSON (<c>topology/servers</c>, <c>topology/master</c>...).</summary>
internal static class ServerMonitorMapper
{
    public static ServerMonitorJson ToJson(ServerSnapshot server, ClusterSnapshot cluster, ClusterOptions? options)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(cluster);
        var address = server.Address;
        var port = address.Port.ToString(CultureInfo.InvariantCulture);
        var replication = server.Replication;
        return new ServerMonitorJson
        {
            Id = server.Id,
            Name = address.Host,
            User = options?.Monitoring.Credential.User ?? "",
            Url = address.ToString(),
            Host = address.Host,
            Port = port,
            Ip = address.Host,
            ServerId = server.ServerId is > 0 and var id ? (ulong)id : 0,
            DomainId = server.Variables.TryGetValue("GTID_DOMAIN_ID", out var domain)
                && ulong.TryParse(domain, NumberStyles.None, CultureInfo.InvariantCulture, out var domainId) ? domainId : 0,
            GtidBinlogPos = Gtids(server.GtidBinlogPos),
            CurrentGtid = Gtids(server.GtidCurrentPos),
            SlaveGtid = Gtids(server.GtidSlavePos),
            IoGtid = Gtids(replication?.GtidIoPos ?? GtidList.Empty),
            GtidExecuted = server.Variables.GetValueOrDefault("GTID_EXECUTED", ""),
            ReadOnly = server.ReadOnly ? "ON" : "OFF",
            State = server.State.ToGoName(),
            PrevState = server.PreviousState.ToGoName(),
            FailCount = server.FailCount,
            BinaryLogFile = server.BinlogPosition?.File ?? "",
            BinaryLogPos = server.BinlogPosition?.Position.ToString(CultureInfo.InvariantCulture) ?? "",
            IsSlave = server.ReplicationChannels.Count > 0,
            IsRelay = server.State is ServerState.Relay or ServerState.RelayErr or ServerState.RelayLate,
            IsMaintenance = ProxyChecks.IsInMaintenance(server),
            Ignored = options?.Monitoring.IgnoredHosts.Contains(address) ?? false,
            Prefered = options?.Monitoring.PreferredMasters.Contains(address) ?? false,
            HaveReadOnly = server.ReadOnly,
            HaveBinlog = server.LogBin,
            HaveBinlogRow = string.Equals(server.BinlogFormat, "ROW", StringComparison.OrdinalIgnoreCase),
            HaveBinlogMixed = string.Equals(server.BinlogFormat, "MIXED", StringComparison.OrdinalIgnoreCase),
            HaveBinlogStatement = string.Equals(server.BinlogFormat, "STATEMENT", StringComparison.OrdinalIgnoreCase),
            HaveBinlogSlaveUpdates = server.LogSlaveUpdates,
            HaveGtidStrictMode = server.GtidStrictMode,
            HaveMariadbGtid = server.Flavor == ServerFlavor.MariaDb,
            HaveMysqlGtid = server.Flavor == ServerFlavor.MySql
                && string.Equals(server.Variables.GetValueOrDefault("GTID_MODE"), "ON", StringComparison.OrdinalIgnoreCase),
            Replications = server.ReplicationChannels.Select(SlaveStatusMapper.ToJson).ToList(),
            MasterStatus = MasterStatus(server),
            ReplicationSourceName = replication?.ConnectionName ?? "",
            ReplicationHealth = server.StateReason ?? "",
            DbVersion = Version(server),
        };
    }

    public static MasterStatusJson MasterStatus(ServerSnapshot server)
    {
        ArgumentNullException.ThrowIfNull(server);
        return new MasterStatusJson(
            server.BinlogPosition?.File ?? "",
            server.BinlogPosition is { Position: > 0 } position ? (ulong)position.Position : 0,
            "",
            "");
    }

    private static List<GtidJson> Gtids(GtidList list) =>
        list.Positions.Select(p => new GtidJson(p.Domain, p.ServerId, p.Sequence)).ToList();

    private static DbVersionJson? Version(ServerSnapshot server)
    {
        if (server.Version is not { } version)
            return null;
        var flavor = server.Flavor switch
        {
            ServerFlavor.MariaDb => "MariaDB",
            ServerFlavor.MySql => "MySQL",
            _ => "",
        };
        var numbers = version.ToString();
        var suffix = server.VersionString.StartsWith(numbers, StringComparison.Ordinal) ? server.VersionString[numbers.Length..] : "";
        return new DbVersionJson(flavor, version.Major, Math.Max(version.Minor, 0), Math.Max(version.Build, 0), suffix);
    }
}
