using System.Collections.Frozen;

namespace ReplicationManager.Server.Api.Auth;

/// <summary>
/// replication-manager's grant names. A configured grant is a prefix: <c>db</c> gives every <c>db-*</c> grant,
/// <c>cluster-show</c> every <c>cluster-show-*</c> one.
/// </summary>
internal static class ApiGrants
{
    public const string DbStart = "db-start";
    public const string DbStop = "db-stop";
    public const string DbKill = "db-kill";
    public const string DbOptimize = "db-optimize";
    public const string DbAnalyse = "db-analyse";
    public const string DbReplication = "db-replication";
    public const string DbBackup = "db-backup";
    public const string DbRestore = "db-restore";
    public const string DbReadOnly = "db-readonly";
    public const string DbLogs = "db-logs";
    public const string DbShowVariables = "db-show-variables";
    public const string DbShowStatus = "db-show-status";
    public const string DbShowSchema = "db-show-schema";
    public const string DbShowProcess = "db-show-process";
    public const string DbShowLogs = "db-show-logs";
    public const string DbCapture = "db-capture";
    public const string DbMaintenance = "db-maintenance";
    public const string DbConfigCreate = "db-config-create";
    public const string DbConfigRessource = "db-config-ressource";
    public const string DbConfigFlag = "db-config-flag";
    public const string DbConfigGet = "db-config-get";
    public const string DbDebug = "db-debug";
    public const string DbJobs = "db-jobs";
    public const string ClusterCreate = "cluster-create";
    public const string ClusterDelete = "cluster-delete";
    public const string ClusterDrop = "cluster-drop";
    public const string ClusterCreateMonitor = "cluster-create-monitor";
    public const string ClusterDropMonitor = "cluster-drop-monitor";
    public const string ClusterFailover = "cluster-failover";
    public const string ClusterSwitchover = "cluster-switchover";
    public const string ClusterRolling = "cluster-rolling";
    public const string ClusterSettings = "cluster-settings";
    public const string ClusterGrant = "cluster-grant";
    public const string ClusterChecksum = "cluster-checksum";
    public const string ClusterSharding = "cluster-sharding";
    public const string ClusterReplication = "cluster-replication";
    public const string ClusterCertificatesRotate = "cluster-certificates-rotate";
    public const string ClusterCertificatesReload = "cluster-certificates-reload";
    public const string ClusterBench = "cluster-bench";
    public const string ClusterProcess = "cluster-process";
    public const string ClusterTest = "cluster-test";
    public const string ClusterTraffic = "cluster-traffic";
    public const string ClusterShowBackups = "cluster-show-backups";
    public const string ClusterShowRoutes = "cluster-show-routes";
    public const string ClusterShowGraphs = "cluster-show-graphs";
    public const string ClusterConfigGraphs = "cluster-config-graphs";
    public const string ClusterShowAgents = "cluster-show-agents";
    public const string ClusterShowCertificates = "cluster-show-certificates";
    public const string ClusterRotatePasswords = "cluster-rotate-passwords";
    public const string ClusterResetSla = "cluster-reset-sla";
    public const string ClusterDebug = "cluster-debug";
    public const string ProxyConfigCreate = "proxy-config-create";
    public const string ProxyConfigGet = "proxy-config-get";
    public const string ProxyConfigRessource = "proxy-config-ressource";
    public const string ProxyConfigFlag = "proxy-config-flag";
    public const string ProxyStart = "proxy-start";
    public const string ProxyStop = "proxy-stop";
    public const string ProvClusterProvision = "prov-cluster-provision";
    public const string ProvClusterUnprovision = "prov-cluster-unprovision";
    public const string ProvProxyProvision = "prov-proxy-provision";
    public const string ProvProxyUnprovision = "prov-proxy-unprovision";
    public const string ProvDbProvision = "prov-db-provision";
    public const string ProvDbUnprovision = "prov-db-unprovision";
    public const string ProvSettings = "prov-settings";
    public const string ProvCluster = "prov-cluster";
    public const string GlobalSettings = "global-settings";
    public const string GlobalGrant = "global-grant";

    /// <summary>Every grant repman knows, in replication-manager's order.</summary>
    public static readonly IReadOnlyList<string> All =
    [
        DbStart, DbStop, DbKill, DbOptimize, DbAnalyse, DbReplication, DbBackup, DbRestore, DbReadOnly, DbLogs,
        DbShowVariables, DbShowStatus, DbShowSchema, DbShowProcess, DbShowLogs, DbCapture, DbMaintenance,
        DbConfigCreate, DbConfigRessource, DbConfigFlag, DbConfigGet, DbDebug, DbJobs,
        ClusterCreate, ClusterDelete, ClusterDrop, ClusterCreateMonitor, ClusterDropMonitor, ClusterFailover,
        ClusterSwitchover, ClusterRolling, ClusterSettings, ClusterGrant, ClusterChecksum, ClusterSharding,
        ClusterReplication, ClusterCertificatesRotate, ClusterCertificatesReload, ClusterBench, ClusterProcess,
        ClusterTest, ClusterTraffic, ClusterShowBackups, ClusterShowRoutes, ClusterShowGraphs, ClusterConfigGraphs,
        ClusterShowAgents, ClusterShowCertificates, ClusterRotatePasswords, ClusterResetSla, ClusterDebug,
        ProxyConfigCreate, ProxyConfigGet, ProxyConfigRessource, ProxyConfigFlag, ProxyStart, ProxyStop,
        ProvClusterProvision, ProvClusterUnprovision, ProvProxyProvision, ProvProxyUnprovision, ProvDbProvision,
        ProvDbUnprovision, ProvSettings, ProvCluster,
        GlobalSettings, GlobalGrant,
    ];

    /// <summary>The grants a user holds: each allowed prefix gives what it prefixes, each discarded prefix takes it away.</summary>
    public static FrozenSet<string> Resolve(IEnumerable<string> allowed, IEnumerable<string> discarded)
    {
        var discardedList = discarded.Where(prefix => prefix.Length > 0).ToList();
        var allowedList = allowed.Where(prefix => prefix.Length > 0).ToList();
        return All
            .Where(grant => allowedList.Any(prefix => grant.StartsWith(prefix, StringComparison.Ordinal)))
            .Where(grant => !discardedList.Any(prefix => grant.StartsWith(prefix, StringComparison.Ordinal)))
            .ToFrozenSet(StringComparer.Ordinal);
    }

    /// <summary>True when <paramref name="prefix"/> gives at least one known grant (a typo gives none).</summary>
    public static bool IsKnownPrefix(string prefix) =>
        prefix.Length > 0 && All.Any(grant => grant.StartsWith(prefix, StringComparison.Ordinal));
}
