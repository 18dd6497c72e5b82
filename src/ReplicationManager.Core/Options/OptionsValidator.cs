using ReplicationManager.Core.Options.Keys;
using ReplicationManager.Core.Topology;

namespace ReplicationManager.Core.Options;

/// <summary>Rules that span several keys, checked once every value has its type.</summary>
internal static class OptionsValidator
{
    public static IEnumerable<ConfigDiagnostic> Validate(ConfigSection global, IReadOnlyList<ConfigSection> clusters)
    {
        foreach (var finding in ValidateGlobal(global))
            yield return finding;
        foreach (var cluster in clusters)
        {
            foreach (var finding in ValidateCluster(global, cluster))
                yield return finding;
        }
    }

    private static IEnumerable<ConfigDiagnostic> ValidateGlobal(ConfigSection global)
    {
        if (global.Get(ApiKeys.ApiServer) && global.Get(ApiKeys.HttpServer) && global.Get(ApiKeys.ApiPort) == global.Get(ApiKeys.HttpPort))
            yield return Error(global, ApiKeys.HttpPort, $"equals api-port ({global.Get(ApiKeys.ApiPort)}); the HTTPS API and the HTTP check port need their own ports");
        var cert = global.Get(ApiKeys.SslCert);
        var key = global.Get(ApiKeys.SslKey);
        if (cert.Length > 0 != key.Length > 0)
            yield return Error(global, cert.Length > 0 ? ApiKeys.SslCert : ApiKeys.SslKey, "monitoring-ssl-cert and monitoring-ssl-key go together: set both or neither");
        foreach (var path in new[] { ApiKeys.SslCert, ApiKeys.SslKey })
        {
            if (global.Get(path) is { Length: > 0 } file && !File.Exists(file))
                yield return Error(global, path, $"'{file}' does not exist");
        }
        foreach (var user in global.Get(ApiKeys.ApiCredentials).Select(Credential.Parse))
        {
            if (user.User.Length == 0 || !user.HasPassword)
                yield return Error(global, ApiKeys.ApiCredentials, $"'{user.User}' needs the form user:password with a non-empty password");
        }
        if (global.Get(ArbitrationKeys.External) && global.Get(ArbitrationKeys.ExternalHosts).Count == 0)
            yield return Error(global, ArbitrationKeys.External, "arbitration-external is on but arbitration-external-hosts is empty");
        if (global.Get(MonitoringKeys.Datadir).Trim().Length == 0)
            yield return Error(global, MonitoringKeys.Datadir, "must not be empty");
    }

    private static IEnumerable<ConfigDiagnostic> ValidateCluster(ConfigSection global, ConfigSection cluster)
    {
        if (cluster.Name.Length == 0 || cluster.Name.Any(c => c is '/' or '\\' || char.IsControl(c)) || cluster.Name is "." or "..")
            yield return new(ConfigSeverity.Error, cluster.Origin, null, $"[{cluster.Name}] cannot name a cluster: it must be usable as a folder name");

        var hosts = cluster.Get(MonitoringKeys.Hosts);
        if (hosts.Count == 0)
            yield return Missing(cluster, MonitoringKeys.Hosts, "the servers to monitor, for example \"db1:3306,db2:3306\"");
        if (cluster.Get(MonitoringKeys.Credential) is null)
            yield return Missing(cluster, MonitoringKeys.Credential, "user:password repman connects with");

        foreach (var key in new[] { MonitoringKeys.PreferredMaster, MonitoringKeys.IgnoredHosts, MonitoringKeys.BackupHosts })
        {
            foreach (var address in cluster.Get(key).Where(address => !hosts.Contains(address)))
                yield return Error(cluster, key, $"{address} is not in db-servers-hosts of [{cluster.Name}]");
        }

        foreach (var finding in ValidateScheduler(global, cluster))
            yield return finding;
        foreach (var finding in ValidateBackups(cluster))
            yield return finding;
    }

    private static IEnumerable<ConfigDiagnostic> ValidateScheduler(ConfigSection global, ConfigSection cluster)
    {
        var taken = new Dictionary<int, string>
        {
            [global.Get(ApiKeys.ApiPort)] = "api-port",
            [global.Get(ApiKeys.HttpPort)] = "http-port",
        };
        foreach (var port in cluster.Get(SchedulerKeys.SenderPorts))
        {
            if (taken.TryGetValue(port, out var owner))
                yield return Error(cluster, SchedulerKeys.SenderPorts, $"port {port} is already repman's {owner}");
        }
        foreach (var task in cluster.Get(SchedulerKeys.JobsExecRemote))
        {
            if (!SchedulerOptions.RemotableTasks.Contains(task.ToLowerInvariant()))
                yield return Error(cluster, SchedulerKeys.JobsExecRemote, $"'{task}' cannot be sent to the job script; possible: {string.Join(", ", SchedulerOptions.RemotableTasks)}");
        }
        if (!cluster.Get(SchedulerKeys.Enabled))
        {
            foreach (var task in SchedulerOptions.From(cluster).Tasks.Where(task => task.Enabled && cluster.IsSet(ConfigCatalog.Find(task.Name)!)))
                yield return Info(cluster, ConfigCatalog.Find(task.Name)!, "is on, but monitoring-scheduler is off: the task will not run");
        }
    }

    private static IEnumerable<ConfigDiagnostic> ValidateBackups(ConfigSection cluster)
    {
        var tool = cluster.Get(BackupKeys.LogicalType);
        if (SchedulerOptions.UnsupportedLogicalTools.Contains(tool))
        {
            var scheduled = cluster.Get(SchedulerKeys.LogicalBackup) ? "; the scheduled logical backup is disabled" : "";
            yield return Warning(cluster, BackupKeys.LogicalType, $"'{tool}' backups are not supported by repman; use mysqldump or mydumper{scheduled}");
        }
        if (cluster.Get(BackupKeys.Restic) && cluster.Get(BackupKeys.ResticPassword).Length == 0)
            yield return Error(cluster, BackupKeys.Restic, "backup-restic is on but backup-restic-password is empty");
        if (cluster.Get(SshKeys.PrivateKey) is { Length: > 0 } key && !File.Exists(key))
            yield return Warning(cluster, SshKeys.PrivateKey, $"'{key}' does not exist (yet)");
    }

    private static ConfigDiagnostic Missing(ConfigSection section, ConfigKey key, string what) =>
        new(ConfigSeverity.Error, section.Origin, key.Name, $"is required in [{section.Name}] or [Default]: {what}");

    private static ConfigDiagnostic Error(ConfigSection section, ConfigKey key, string message) =>
        new(ConfigSeverity.Error, Where(section, key), key.Name, message);

    private static ConfigDiagnostic Warning(ConfigSection section, ConfigKey key, string message) =>
        new(ConfigSeverity.Warning, Where(section, key), key.Name, message);

    private static ConfigDiagnostic Info(ConfigSection section, ConfigKey key, string message) =>
        new(ConfigSeverity.Information, Where(section, key), key.Name, message);

    private static ConfigOrigin Where(ConfigSection section, ConfigKey key) =>
        section.IsSet(key) ? section.OriginOf(key) : section.Origin;
}
