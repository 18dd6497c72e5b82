using System.Globalization;
using System.Text;
using ReplicationManager.Core.Options;
using ReplicationManager.Core.Topology;

namespace ReplicationManager.Core.Jobs.Ssh;

/// <summary>
/// The export block repman puts before the job script over SSH (spec 6.1.5), each value single-quoted for bash so that
/// no password, host or name can run a command (DECISIONS 11). repman gives the scripts no API admin password: they
/// log in with secret-login, so <c>REPLICATION_MANAGER_USER</c> names the system account and the password is empty.
/// </summary>
internal static class ScriptEnvironment
{
    public static string Block(ClusterOptions cluster, ServerAddress server, int apiPort, JobMode mode)
    {
        var monitoring = cluster.Monitoring;
        var variables = new (string Name, string Value)[]
        {
            ("REPLICATION_MANAGER_URL", $"https://{UrlHost(monitoring.MonitoringAddress)}:{apiPort.ToString(CultureInfo.InvariantCulture)}"),
            ("REPLICATION_MANAGER_URL_HOST", monitoring.MonitoringAddress),
            ("REPLICATION_MANAGER_URL_PORT", apiPort.ToString(CultureInfo.InvariantCulture)),
            ("REPLICATION_MANAGER_USER", "dbjobs-system"),
            ("REPLICATION_MANAGER_PASSWORD", ""),
            ("REPLICATION_MANAGER_HOST_NAME", server.Host),
            ("REPLICATION_MANAGER_HOST_PORT", server.Port.ToString(CultureInfo.InvariantCulture)),
            ("REPLICATION_MANAGER_HOST_USER", monitoring.Credential.User),
            ("REPLICATION_MANAGER_HOST_PASSWORD", monitoring.Credential.Password),
            ("MYSQL_ROOT_PASSWORD", monitoring.Credential.Password),
            ("REPLICATION_MANAGER_CLUSTER_NAME", cluster.Name),
            ("REPLICATION_MANAGER_JOBS_MODE", mode.ToString().ToLowerInvariant()),
            ("REPLICATION_MANAGER_LOG_BATCH_SIZE", cluster.Scheduler.LogBatchSize.ToString(CultureInfo.InvariantCulture)),
            ("REPLICATION_MANAGER_SST_PORT", SstPort.Of(cluster, server).ToString(CultureInfo.InvariantCulture)),
            ("REPLICATION_MANAGER_MYSQLDUMP_OPTIONS", RemoteDumpOptions(cluster.Backup.MysqldumpOptions)),
            ("REPLICATION_MANAGER_MYDUMPER_OPTIONS", cluster.Backup.MydumperOptions),
        };
        var block = new StringBuilder();
        foreach (var (name, value) in variables)
            block.Append("export ").Append(name).Append('=').Append(Quote(value)).Append('\n');
        return block.ToString();
    }

    /// <summary>A bash word that is exactly <paramref name="value"/>: single quotes, each quote written '\''.</summary>
    public static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static string UrlHost(string host) => host.Contains(':', StringComparison.Ordinal) ? $"[{host}]" : host;

    /// <summary>The configured mysqldump options without --system=all, which a dump of a remote host's own tool may not know.</summary>
    private static string RemoteDumpOptions(string options) =>
        string.Join(' ', options.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(option => !option.StartsWith("--system", StringComparison.Ordinal)));
}
