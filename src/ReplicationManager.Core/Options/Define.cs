using System.Globalization;
using ReplicationManager.Core.Scheduling;
using ReplicationManager.Core.Topology;

namespace ReplicationManager.Core.Options;

/// <summary>Builds the keys of the catalog, one method per kind of value.</summary>
internal static class Define
{
    private const ConfigScope Cluster = ConfigScope.Cluster;

    public static ConfigKey<bool> Bool(string name, bool value, string description, ConfigScope scope = Cluster) =>
        new(name, "boolean", value, value ? "true" : "false", description, scope, ConfigValues.Bool);

    public static ConfigKey<int> Int(string name, int value, int min, int max, string description, ConfigScope scope = Cluster) =>
        new(name, $"integer {min}-{max}", value, Text(value), description, scope, ConfigValues.Int(min, max));

    public static ConfigKey<int> Port(string name, int value, string description, ConfigScope scope = Cluster) =>
        new(name, "port", value, Text(value), description, scope, ConfigValues.Int(1, 65535));

    public static ConfigKey<TimeSpan> Seconds(string name, int value, int min, string description, ConfigScope scope = Cluster) =>
        new(name, "seconds", TimeSpan.FromSeconds(value), Text(value), description, scope, ConfigValues.Duration(TimeSpan.FromSeconds(1), min, int.MaxValue));

    public static ConfigKey<TimeSpan> Milliseconds(string name, int value, int min, string description, ConfigScope scope = Cluster) =>
        new(name, "milliseconds", TimeSpan.FromMilliseconds(value), Text(value), description, scope, ConfigValues.Duration(TimeSpan.FromMilliseconds(1), min, int.MaxValue));

    public static ConfigKey<TimeSpan> Hours(string name, int value, int min, string description, ConfigScope scope = Cluster) =>
        new(name, "hours", TimeSpan.FromHours(value), Text(value), description, scope, ConfigValues.Duration(TimeSpan.FromHours(1), min, 24 * 366));

    public static ConfigKey<string> String(string name, string value, string description, ConfigScope scope = Cluster) =>
        new(name, "string", value, Quote(value), description, scope, ConfigValues.String);

    public static ConfigKey<string> Path(string name, string value, string description, ConfigScope scope = Cluster) =>
        new(name, "path", value, Quote(value), description, scope, ConfigValues.String);

    public static ConfigKey<string> Secret(string name, string value, string description, ConfigScope scope = Cluster) =>
        new(name, "secret string", value, Quote(value), description, scope, ConfigValues.String) { IsSecret = true };

    public static ConfigKey<string> OneOf(string name, string value, string[] allowed, string description, ConfigScope scope = Cluster) =>
        new(name, "one of " + string.Join(", ", allowed), value, Quote(value), description, scope, ConfigValues.OneOf(allowed));

    public static ConfigKey<CronExpression> Cron(string name, string value, string description) =>
        new(name, "cron expression", CronExpression.Parse(value), Quote(value), description, Cluster, ConfigValues.Cron);

    public static ConfigKey<IReadOnlyList<ServerAddress>> Hosts(string name, string description, ConfigScope scope = Cluster) =>
        new(name, "host:port list", [], "\"\"", description, scope, ConfigValues.Hosts);

    public static ConfigKey<Credential?> Credential(string name, string value, string description, ConfigScope scope = Cluster) =>
        new(name, "user:password", value.Length == 0 ? null : Options.Credential.Parse(value), Quote(value), description, scope, ConfigValues.Credential)
        {
            IsSecret = true,
        };

    public static ConfigKey<IReadOnlyList<int>> Ports(string name, string value, string description, ConfigScope scope = Cluster) =>
        new(name, "port list", Split(value).Select(port => int.Parse(port, CultureInfo.InvariantCulture)).ToList(), Quote(value), description, scope, ConfigValues.Ports);

    public static ConfigKey<IReadOnlyList<string>> List(string name, string value, string description, ConfigScope scope = Cluster) =>
        new(name, "comma-separated list", Split(value), Quote(value), description, scope, ConfigValues.Words);

    private static string[] Split(string value) => value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Quote(string value) => $"\"{value}\"";
}
