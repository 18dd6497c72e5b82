using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using ReplicationManager.Cli.Connection;
using ReplicationManager.Cli.Output;
using Spectre.Console;

namespace ReplicationManager.Cli.Commands;

/// <summary>Maintenance: <c>jobs</c> (and <c>--follow</c>), <c>schedule</c>, <c>logs</c>.</summary>
internal static class JobCommands
{
    public static IEnumerable<Command> Build(CliContext context)
    {
        yield return Jobs(context);
        yield return Schedule(context);
        yield return Logs(context);
    }

    private static Command Jobs(CliContext context)
    {
        var limit = new Option<int>("--limit") { Description = "How many of the newest jobs to list", DefaultValueFactory = _ => 20 };
        var follow = new Option<bool>("--follow") { Description = "Follow the jobs running now (and those that start) until none runs; exit 1 if one failed" };
        var command = new Command("jobs", "The cluster's jobs, newest first: state, phase, bytes, duration") { limit, follow };
        command.SetAction(context.Remote(async (parse, api, ct) =>
        {
            var cluster = await Targets.ClusterAsync(api, ct);
            if (parse.GetValue(follow))
                return await FollowAsync(context, api, cluster, null, ct);
            var jobs = new List<JsonElement>();
            foreach (var server in (await api.GetAsync($"{Targets.ClusterPath(cluster)}/topology/servers", ct)).EnumerateArray())
                jobs.AddRange((await api.GetAsync($"{Targets.ServerPath(cluster, server)}/jobs", ct)).EnumerateArray());
            var newest = jobs.OrderByDescending(job => job.GetProperty("start").GetInt64()).ThenByDescending(job => job.GetProperty("id").GetInt64()).Take(parse.GetValue(limit)).ToList();
            if (api.Endpoint.Json)
            {
                context.Terminal.Json(newest);
                return ExitCodes.Ok;
            }
            var table = Terminal.Table("Id", "Task", "Server", "State", "Phase / result", "Bytes", "Started", "Duration");
            foreach (var job in newest.Select(element => JobView.Of(element)))
            {
                table.AddRow(job.Id.ToString(CultureInfo.InvariantCulture), Markup.Escape(job.Task), Markup.Escape(job.Server), StateMarkup(job), Markup.Escape(job.ShortPhase),
                    JobView.FormatBytes(job.Bytes), DateTimeOffset.FromUnixTimeSeconds(job.Start).ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), job.Duration);
            }
            context.Terminal.Write(table);
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>The jobs an action answered with (202: a list of repman job records).</summary>
    public static HashSet<(long Id, string Task, string Server)> Keys(JsonElement jobs) =>
        jobs.ValueKind == JsonValueKind.Array ? jobs.EnumerateArray().Select(job => JobView.Of(job).Key).ToHashSet() : [];

    public static void PrintStarted(CliContext context, JsonElement jobs)
    {
        foreach (var job in jobs.Items().Select(element => JobView.Of(element)))
            context.Terminal.Line($"started job {job.Id}: {job.Task} on {job.Server}");
    }

    /// <summary>
    /// Follows jobs through the event stream: those named (or, without names, every job running now and every one
    /// that starts) until all have ended; exit 1 when one failed. A terminal gets a live progress display (received
    /// bytes of streams), a pipe or --json a line per change.
    /// </summary>
    public static async Task<int> FollowAsync(CliContext context, ApiClient api, string cluster, HashSet<(long Id, string Task, string Server)>? keys, CancellationToken ct)
    {
        var follow = new JobFollow(keys);
        if (context.Terminal.IsInteractive && !api.Endpoint.Json)
        {
            return await context.Terminal.Console.Progress()
                .Columns(new SpinnerColumn(), new TaskDescriptionColumn { Alignment = Justify.Left }, new ElapsedTimeColumn())
                .StartAsync(async progress =>
                {
                    var bars = new Dictionary<(long, string, string), ProgressTask>();
                    await foreach (var data in JobEvents(api, cluster, ct))
                    {
                        var done = follow.Update(data);
                        foreach (var job in follow.Followed)
                        {
                            var description = Markup.Escape(JobFollow.Describe(job));
                            if (!bars.TryGetValue(job.Key, out var bar))
                                bars[job.Key] = bar = progress.AddTask(description, autoStart: true, maxValue: 1);
                            bar.IsIndeterminate = !job.IsOver;
                            bar.Description = description;
                            if (job.IsOver && !bar.IsFinished)
                            {
                                bar.Value = 1;
                                bar.StopTask();
                            }
                        }
                        if (done)
                            return follow.ExitCode;
                    }
                    throw StreamClosed();
                });
        }
        await foreach (var data in JobEvents(api, cluster, ct))
        {
            var done = follow.Update(data);
            foreach (var job in follow.Changed())
            {
                if (api.Endpoint.Json)
                    context.Terminal.Raw.WriteLine(JsonSerializer.Serialize(new { id = job.Id, task = job.Task, server = job.Server, state = job.StateName, phase = job.Phase, bytes = job.Bytes }));
                else
                {
                    var line = Markup.Escape(JobFollow.Describe(job));
                    context.Terminal.Console.MarkupLine(job.Failed ? $"[red]{line}[/]" : job.IsOver ? $"[green]{line}[/]" : line);
                }
            }
            if (done)
                return follow.ExitCode;
        }
        throw StreamClosed();
    }

    private static async IAsyncEnumerable<JsonElement> JobEvents(ApiClient api, string cluster, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var (type, data) in api.EventsAsync(ct))
        {
            if (type == "jobs" && data.Text("cluster") == cluster)
                yield return data;
        }
    }

    private static CliException StreamClosed() =>
        new(ExitCodes.Unreachable, "repman closed the event stream before the jobs ended", "run replication-manager-cli jobs to see where they are");

    private static Command Schedule(CliContext context)
    {
        var command = new Command("schedule", "The cluster's scheduled tasks: cron, next run, enabled; change them with the subcommands");
        command.SetAction(context.Remote(async (parse, api, ct) =>
        {
            var cluster = await Targets.ClusterAsync(api, ct);
            var schedule = await api.GetAsync($"{Targets.ClusterPath(cluster)}/schedule", ct);
            ClusterCommands.Print(context, api, schedule, () => PrintSchedule(context.Terminal, schedule));
            return ExitCodes.Ok;
        }));
        var task = new Argument<string>("task") { Description = "The task's switch key, e.g. scheduler-db-servers-logical-backup" };
        foreach (var (name, on) in new[] { ("enable", true), ("disable", false) })
        {
            var sub = new Command(name, $"{(on ? "Turn" : "Stop")} a scheduled task {(on ? "on" : "")}".TrimEnd()) { task };
            sub.SetAction(context.Remote(async (parse, api, ct) =>
            {
                var cluster = await Targets.ClusterAsync(api, ct);
                var path = Targets.ClusterPath(cluster);
                var wanted = parse.GetValue(task)!;
                var entry = (await api.GetAsync($"{path}/schedule", ct)).Items("tasks").FirstOrDefault(t => t.Text("name") == wanted);
                if (entry.ValueKind != JsonValueKind.Object)
                    throw new CliException(ExitCodes.NotFound, $"no scheduled task '{wanted}'", "list them with: replication-manager-cli schedule");
                var schedule = entry.GetProperty("enabled").GetBoolean() == on ? await api.GetAsync($"{path}/schedule", ct) : await api.PostAsync($"{path}/settings/actions/switch/{wanted}", ct);
                ClusterCommands.Print(context, api, schedule, () => PrintSchedule(context.Terminal, schedule));
                return ExitCodes.Ok;
            }));
            command.Subcommands.Add(sub);
        }
        var cronKey = new Argument<string>("cron-key") { Description = "The task's cron key, e.g. scheduler-db-servers-logical-backup-cron" };
        var cron = new Argument<string>("cron") { Description = "Six fields, seconds first (0 0 2 * * *), or @every 6h" };
        var setCron = new Command("set-cron", "Change a scheduled task's cron (checked by repman; kept across restarts)") { cronKey, cron };
        setCron.SetAction(context.Remote(async (parse, api, ct) =>
        {
            var cluster = await Targets.ClusterAsync(api, ct);
            var schedule = await api.PostAsync($"{Targets.ClusterPath(cluster)}/settings/actions/set-cron/{parse.GetValue(cronKey)}/{Uri.EscapeDataString(parse.GetValue(cron)!)}", ct);
            ClusterCommands.Print(context, api, schedule, () => PrintSchedule(context.Terminal, schedule));
            return ExitCodes.Ok;
        }));
        command.Subcommands.Add(setCron);
        return command;
    }

    private static void PrintSchedule(Terminal terminal, JsonElement schedule)
    {
        terminal.Line($"Scheduler {(schedule.GetProperty("enabled").GetBoolean() ? "on" : "off")}, jobs mode {schedule.Text("jobsMode")}");
        var table = Terminal.Table("Task", "Cron key", "Cron", "Enabled", "Next run");
        foreach (var task in schedule.Items("tasks"))
        {
            table.AddRow(Markup.Escape(task.Text("name")), Markup.Escape(task.Text("cronKey")), Markup.Escape(task.Text("cron")),
                task.GetProperty("enabled").GetBoolean() ? "yes" : "[grey]no[/]", Markup.Escape(task.Text("nextRun")));
        }
        terminal.Write(table);
    }

    private static Command Logs(CliContext context)
    {
        var server = new Option<string>("--server") { Description = "The server (id or host:port)", Required = true };
        var task = new Option<string>("--task") { Description = "errorlog, slowquery or auditlog", DefaultValueFactory = _ => "errorlog" };
        var lines = new Option<int>("--lines") { Description = "How many of the last lines", DefaultValueFactory = _ => 100 };
        var command = new Command("logs", "The error, slow query or audit log the job script collected from a server") { server, task, lines };
        command.SetAction(context.Remote(async (parse, api, ct) =>
        {
            var cluster = await Targets.ClusterAsync(api, ct);
            var target = await Targets.ServerAsync(api, cluster, parse.GetValue(server)!, ct);
            var log = await api.GetAsync($"{Targets.ServerPath(cluster, target)}/collected-logs/{Uri.EscapeDataString(parse.GetValue(task)!)}?lines={parse.GetValue(lines)}", ct);
            ClusterCommands.Print(context, api, log, () =>
            {
                foreach (var line in log.Items("lines"))
                    context.Terminal.Line(line.GetString() ?? "");
                if (!log.Items("lines").Any())
                    context.Terminal.Error.WriteLine($"nothing collected yet from {target.Text("url")}: the job script collects logs on schedule (scheduler-db-servers-logs); to collect now: replication-manager-cli api --method POST --url {Targets.ServerPath(cluster, target)}/actions/backup-error-log");
            });
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static string StateMarkup(JobView job) =>
        job.Failed ? $"[red]{job.StateName}[/]" : job.IsOver ? $"[green]{job.StateName}[/]" : $"[blue]{job.StateName}[/]";


}
