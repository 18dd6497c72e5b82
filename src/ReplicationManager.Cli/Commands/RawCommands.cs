using System.CommandLine;
using System.Reflection;
using System.Text.Json;
using ReplicationManager.Cli.Connection;
using Spectre.Console;

namespace ReplicationManager.Cli.Commands;

/// <summary><c>api</c> (any route), <c>events</c> (the live stream), <c>version</c>.</summary>
internal static class RawCommands
{
    public static IEnumerable<Command> Build(CliContext context)
    {
        yield return Api(context);
        yield return Events(context);
        yield return Version(context);
    }

    private static Command Api(CliContext context)
    {
        var url = new Option<string>("--url") { Description = "The route: a path (/api/clusters) or a full URL on --host and --port", DefaultValueFactory = _ => "/api/clusters" };
        var method = new Option<string>("--method") { Description = "GET or POST", DefaultValueFactory = _ => "GET" };
        var command = new Command("api", "Call a route of the REST API and print its JSON") { url, method };
        command.SetAction(context.Remote(async (parse, api, ct) =>
        {
            var target = parse.GetValue(url)!;
            var path = Uri.TryCreate(target, UriKind.Absolute, out var absolute) ? absolute.PathAndQuery : target;
            if (!path.StartsWith('/'))
                throw new CliException(ExitCodes.Usage, $"--url {target}: not a path or URL", "for example --url /api/clusters");
            var verb = parse.GetValue(method)!.ToUpperInvariant() switch
            {
                "GET" => HttpMethod.Get,
                "POST" => HttpMethod.Post,
                var other => throw new CliException(ExitCodes.Usage, $"--method {other}: repman's routes take GET or POST"),
            };
            var answer = await api.SendAsync(verb, path, ct);
            if (answer.ValueKind != JsonValueKind.Undefined)
                context.Terminal.Json(answer);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Events(CliContext context)
    {
        var max = new Option<int?>("--max") { Description = "Stop after this many events (default: until Ctrl-C)" };
        var command = new Command("events", "Follow what changes: server state changes and job moves as they happen (--json: every event, one per line)") { max };
        command.SetAction(context.Remote(async (parse, api, ct) =>
        {
            var limit = parse.GetValue(max);
            var count = 0;
            var jobStates = new Dictionary<(string, long, string), int>();
            await foreach (var (type, data) in api.EventsAsync(ct))
            {
                if (api.Endpoint.Cluster is { } only && data.ValueKind == JsonValueKind.Object && data.Text("cluster") is { Length: > 0 } cluster && cluster != only)
                    continue;
                var lines = api.Endpoint.Json ? [JsonSerializer.Serialize(new { type, data })] : Describe(type, data, jobStates);
                foreach (var line in lines)
                {
                    if (api.Endpoint.Json)
                        context.Terminal.Raw.WriteLine(line);
                    else
                        context.Terminal.Console.MarkupLine(line);
                    await context.Terminal.Raw.FlushAsync(ct);
                    if (++count == limit)
                        return ExitCodes.Ok;
                }
            }
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>People see state changes and job moves; the snapshots in between are for dashboards and --json.</summary>
    private static List<string> Describe(string type, JsonElement data, Dictionary<(string, long, string), int> jobStates)
    {
        switch (type)
        {
            case "state":
                var colour = data.Text("current") is "Failed" or "SlaveErr" or "ErrorAuth" ? "red" : data.Text("current") is "Master" or "Slave" ? "green" : "yellow";
                return [$"{Markup.Escape(data.Text("time"))} {Markup.Escape(data.Text("cluster"))} {Markup.Escape(data.Text("server"))}: {Markup.Escape(data.Text("previous"))} -> [{colour}]{Markup.Escape(data.Text("current"))}[/]{(data.Text("reason") is { Length: > 0 } reason ? $" ({Markup.Escape(reason)})" : "")}"];
            case "jobs":
                var lines = new List<string>();
                var cluster = data.Text("cluster");
                foreach (var job in data.Items("jobs").Select(entry => JobView.Of(entry.GetProperty("job"))))
                {
                    var key = (cluster, job.Id, job.Task);
                    var known = jobStates.TryGetValue(key, out var previous);
                    jobStates[key] = job.State;
                    if (known ? previous != job.State : !job.IsOver)
                        lines.Add(Markup.Escape($"{DateTimeOffset.UtcNow:O} {cluster} job {job.Id} {job.Task} on {job.Server}: {job.StateName}{(job.IsOver && job.Result.Length > 0 ? $" ({job.Result})" : "")}"));
                }
                return lines;
            default:
                return [];
        }
    }

    private static Command Version(CliContext context)
    {
        var command = new Command("version", "Print the version of replication-manager-cli");
        command.SetAction(context.Local((parse, ct) =>
        {
            var version = typeof(RawCommands).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
            context.Terminal.Line($"replication-manager-cli (repman) {version}");
            return Task.FromResult(ExitCodes.Ok);
        }));
        return command;
    }
}
