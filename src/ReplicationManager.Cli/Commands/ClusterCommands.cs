using System.CommandLine;
using System.Text.Json;
using ReplicationManager.Cli.Connection;
using ReplicationManager.Cli.Output;
using Spectre.Console;

namespace ReplicationManager.Cli.Commands;

/// <summary>What the clusters look like: <c>status</c>, <c>topology</c>, <c>show</c>, <c>server</c>.</summary>
internal static class ClusterCommands
{
    private static readonly string[] ShowObjects = ["settings", "clusters", "servers", "master", "slaves", "alerts"];

    public static IEnumerable<Command> Build(CliContext context)
    {
        yield return Status(context);
        yield return Topology(context);
        yield return Show(context);
        yield return Server(context);
    }

    private static Command Status(CliContext context)
    {
        var command = new Command("status", "Each cluster: running or errors, its primary, servers and problems");
        command.SetAction(context.Remote(async (parse, api, ct) =>
        {
            var clusters = await api.GetAsync("/api/clusters", ct);
            var rows = new List<(string Name, string Status, string Primary, int Servers, int Failovers)>();
            foreach (var cluster in clusters.EnumerateArray())
            {
                var name = cluster.Text("name");
                if (api.Endpoint.Cluster is { } only && only != name)
                    continue;
                var status = (await api.GetAsync($"{Targets.ClusterPath(name)}/status", ct)).Text("alive");
                var master = await api.GetAsync($"{Targets.ClusterPath(name)}/topology/master", ct);
                rows.Add((name, status, master.ValueKind == JsonValueKind.Object ? master.Text("url") : "none", cluster.Items("dbServers").Count(), int.Parse(cluster.Text("failoverCounter"), System.Globalization.CultureInfo.InvariantCulture)));
            }
            if (api.Endpoint.Json)
            {
                context.Terminal.Json(rows.Select(row => new { cluster = row.Name, status = row.Status, primary = row.Primary, servers = row.Servers, failovers = row.Failovers }));
                return rows.All(row => row.Status == "running") ? ExitCodes.Ok : ExitCodes.Failed;
            }
            var table = Terminal.Table("Cluster", "Status", "Primary", "Servers", "Failovers");
            foreach (var row in rows)
                table.AddRow(Markup.Escape(row.Name), row.Status == "running" ? "[green]running[/]" : $"[red]{Markup.Escape(row.Status)}[/]", Markup.Escape(row.Primary), row.Servers.ToString(System.Globalization.CultureInfo.InvariantCulture), row.Failovers.ToString(System.Globalization.CultureInfo.InvariantCulture));
            context.Terminal.Write(table);
            return rows.All(row => row.Status == "running") ? ExitCodes.Ok : ExitCodes.Failed;
        }));
        return command;
    }

    private static Command Topology(CliContext context)
    {
        var command = new Command("topology", "The servers of a cluster: state, GTIDs, replication health, delay, read-only");
        command.SetAction(context.Remote(async (parse, api, ct) =>
        {
            var cluster = await Targets.ClusterAsync(api, ct);
            var servers = await api.GetAsync($"{Targets.ClusterPath(cluster)}/topology/servers", ct);
            if (api.Endpoint.Json)
            {
                context.Terminal.Json(servers);
                return ExitCodes.Ok;
            }
            context.Terminal.Line($"Cluster: {cluster}");
            var table = Terminal.Table("Id", "Host", "Port", "Status", "Failures", "Using GTID", "Current GTID", "Slave GTID", "Replication Health", "Delay", "RO");
            foreach (var server in servers.EnumerateArray())
            {
                var replication = server.Items("replications").FirstOrDefault();
                table.AddRow(
                    Markup.Escape(server.Text("id")), Markup.Escape(server.Text("host")), Markup.Escape(server.Text("port")), StateMarkup(server.Text("state")),
                    server.Text("failCount"), Markup.Escape(replication.GoNull("usingGtid")), Markup.Escape(server.Gtid("currentGtid") is { Length: > 0 } current ? current : server.Gtid("gtidBinlogPos")),
                    Markup.Escape(server.Gtid("slaveGtid")), Markup.Escape(server.Text("replicationHealth")), Markup.Escape(replication.GoNull("secondsBehindMaster")), server.Text("readOnly"));
            }
            context.Terminal.Write(table);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Show(CliContext context)
    {
        var get = new Option<string>("--get") { Description = "Objects to print, separated by commas: " + string.Join(",", ShowObjects), DefaultValueFactory = _ => string.Join(",", ShowObjects) };
        var command = new Command("show", "Print a cluster's objects as JSON (settings, clusters, servers, master, slaves, alerts)") { get };
        command.SetAction(context.Remote(async (parse, api, ct) =>
        {
            var wanted = parse.GetValue(get)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (wanted.FirstOrDefault(name => !ShowObjects.Contains(name)) is { } unknown)
                throw new CliException(ExitCodes.Usage, $"--get {unknown}: not an object", $"objects: {string.Join(",", ShowObjects)}");
            var cluster = await Targets.ClusterAsync(api, ct);
            var path = Targets.ClusterPath(cluster);
            var result = new Dictionary<string, JsonElement>();
            foreach (var name in wanted)
            {
                result[name] = name switch
                {
                    "settings" => await api.GetAsync($"{path}/settings/effective", ct),
                    "clusters" => await api.GetAsync("/api/clusters", ct),
                    "servers" => await api.GetAsync($"{path}/topology/servers", ct),
                    "master" => await api.GetAsync($"{path}/topology/master", ct),
                    "slaves" => await api.GetAsync($"{path}/topology/slaves", ct),
                    _ => await api.GetAsync($"{path}/topology/alerts", ct),
                };
            }
            context.Terminal.Json(result);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Server(CliContext context)
    {
        var id = new Option<string>("--id") { Description = "The server: its id (db...) or host:port", Required = true };
        var set = new Option<string?>("--set") { Description = "maintenance=on|maintenance=off|maintenance=switch" };
        var getWhat = new Option<string?>("--get") { Description = "processlist|variables|status|replication" };
        var action = new Option<string?>("--action") { Description = "stop|start|restart (through the job script)" };
        var command = new Command("server", "One server: its state, or change it (--set, --action), or read from it (--get)") { id, set, getWhat, action };
        command.SetAction(context.Remote(async (parse, api, ct) =>
        {
            var cluster = await Targets.ClusterAsync(api, ct);
            var server = await Targets.ServerAsync(api, cluster, parse.GetValue(id)!, ct);
            var path = Targets.ServerPath(cluster, server);
            if (parse.GetValue(set) is { } change)
            {
                var route = change switch
                {
                    "maintenance=on" => "set-maintenance",
                    "maintenance=off" => "del-maintenance",
                    "maintenance=switch" => "maintenance",
                    _ => throw new CliException(ExitCodes.Usage, $"--set {change}: not a setting", "use maintenance=on, maintenance=off or maintenance=switch"),
                };
                var answer = await api.PostAsync($"{path}/actions/{route}", ct);
                Print(context, api, answer, () => context.Terminal.Line($"{answer.Text("server")}: maintenance {(answer.GetProperty("maintenance").GetBoolean() ? "on" : "off")}"));
                return ExitCodes.Ok;
            }
            if (parse.GetValue(action) is { } act)
            {
                if (act is not ("stop" or "start" or "restart"))
                    throw new CliException(ExitCodes.Usage, $"--action {act}: not an action", "use stop, start or restart");
                var jobs = await api.PostAsync($"{path}/actions/{act}", ct);
                Print(context, api, jobs, () => JobCommands.PrintStarted(context, jobs));
                return ExitCodes.Ok;
            }
            if (parse.GetValue(getWhat) is { } what)
                return await ReadAsync(context, api, path, server, what, ct);
            Print(context, api, server, () =>
            {
                var replication = server.Items("replications").FirstOrDefault();
                var grid = new Grid().AddColumn().AddColumn();
                foreach (var (label, value) in new[]
                {
                    ("Server", server.Text("url")), ("Id", server.Text("id")), ("State", server.Text("state")), ("Read-only", server.Text("readOnly")),
                    ("GTID", server.Gtid("gtidBinlogPos")), ("Slave GTID", server.Gtid("slaveGtid")), ("Replication", server.Text("replicationHealth")),
                    ("IO / SQL", replication.ValueKind == JsonValueKind.Object ? $"{replication.GoNull("slaveIoRunning")} / {replication.GoNull("slaveSqlRunning")}" : ""),
                    ("Delay", replication.GoNull("secondsBehindMaster")), ("Maintenance", server.Text("isMaintenance")),
                })
                    grid.AddRow(Markup.Escape(label), Markup.Escape(value));
                context.Terminal.Console.Write(grid);
            });
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static async Task<int> ReadAsync(CliContext context, ApiClient api, string path, JsonElement server, string what, CancellationToken ct)
    {
        switch (what)
        {
            case "processlist":
                var sessions = await api.GetAsync($"{path}/processlist", ct);
                Print(context, api, sessions, () =>
                {
                    var table = Terminal.Table("Id", "User", "Host", "Db", "Command", "Time", "State", "Info");
                    foreach (var p in sessions.EnumerateArray())
                        table.AddRow(p.Text("id"), Markup.Escape(p.Text("user")), Markup.Escape(p.Text("host")), Markup.Escape(p.Text("db")), Markup.Escape(p.Text("command")), p.Text("time"), Markup.Escape(p.Text("state")), Markup.Escape(p.Text("info")));
                    context.Terminal.Write(table);
                });
                return ExitCodes.Ok;
            case "variables" or "status":
                var values = await api.GetAsync($"{path}/{what}", ct);
                Print(context, api, values, () =>
                {
                    foreach (var v in values.EnumerateArray())
                        context.Terminal.Line($"{v.Text("variableName")} = {v.Text("value")}");
                });
                return ExitCodes.Ok;
            case "replication":
                var channels = server.GetProperty("replications");
                Print(context, api, channels, () =>
                {
                    var table = Terminal.Table("Channel", "Source", "IO", "SQL", "Delay", "GTID mode", "Applied", "Errors");
                    foreach (var c in channels.EnumerateArray())
                        table.AddRow(Markup.Escape(c.GoNull("connectionName")), Markup.Escape($"{c.GoNull("masterHost")}:{c.GoNull("masterPort")}"), c.GoNull("slaveIoRunning"), c.GoNull("slaveSqlRunning"),
                            c.GoNull("secondsBehindMaster"), Markup.Escape(c.GoNull("usingGtid")), Markup.Escape(c.GoNull("gtidSlavePos")), Markup.Escape($"{c.GoNull("lastIoError")} {c.GoNull("lastSqlError")}".Trim()));
                    context.Terminal.Write(table);
                });
                return ExitCodes.Ok;
            default:
                throw new CliException(ExitCodes.Usage, $"--get {what}: not something to read", "use processlist, variables, status or replication");
        }
    }

    internal static void Print(CliContext context, ApiClient api, JsonElement json, Action human)
    {
        if (api.Endpoint.Json)
            context.Terminal.Json(json);
        else
            human();
    }

    internal static string StateMarkup(string state) => state switch
    {
        "Master" or "Slave" or "Relay" => $"[green]{state}[/]",
        "Failed" or "SlaveErr" or "RelayErr" or "ErrorAuth" => $"[red]{state}[/]",
        _ => $"[yellow]{Markup.Escape(state)}[/]",
    };
}
