using System.CommandLine;
using System.Text.Json;
using ReplicationManager.Cli.Connection;
using ReplicationManager.Cli.Output;
using Spectre.Console;

namespace ReplicationManager.Cli.Commands;

/// <summary>What changes a cluster: <c>switchover</c>, <c>failover</c> (both with <c>--dry-run</c>), <c>backup</c>.</summary>
internal static class ActionCommands
{
    public static IEnumerable<Command> Build(CliContext context)
    {
        yield return PrimaryChange(context, "switchover", "Switch the primary over to the best replica, or to --db-servers-prefered-master", preferred: true);
        yield return PrimaryChange(context, "failover", "Fail a Failed primary over to the most advanced replica", preferred: false);
        yield return Backup(context);
    }

    private static Command PrimaryChange(CliContext context, string kind, string description, bool preferred)
    {
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the plan, step by step, or why it is refused; change nothing" };
        var candidate = new Option<string?>("--db-servers-prefered-master") { Description = "The candidate, host:port" };
        var command = new Command(kind, description) { dryRun };
        if (preferred)
            command.Options.Add(candidate);
        command.SetAction(context.Remote(async (parse, api, ct) =>
        {
            var cluster = await Targets.ClusterAsync(api, ct);
            var query = preferred && parse.GetValue(candidate) is { } to ? $"?prefmaster={Uri.EscapeDataString(to)}" : "";
            if (parse.GetValue(dryRun))
            {
                var plan = await api.GetAsync($"{Targets.ClusterPath(cluster)}/actions/{kind}/dry-run{query}", ct);
                ClusterCommands.Print(context, api, plan, () => PrintPlan(context.Terminal, plan));
                return plan.Items("refusals").Any() ? ExitCodes.Refused : ExitCodes.Ok;
            }
            var outcome = await api.PostAsync($"{Targets.ClusterPath(cluster)}/actions/{kind}{query}", ct);
            ClusterCommands.Print(context, api, outcome, () => PrintOutcome(context.Terminal, kind, outcome));
            return outcome.TryGetProperty("succeeded", out var succeeded) && succeeded.GetBoolean() ? ExitCodes.Ok : ExitCodes.Failed;
        }));
        return command;
    }

    private static void PrintPlan(Terminal terminal, JsonElement plan)
    {
        terminal.Line($"{plan.Text("kind")} of {plan.Text("cluster")}: {plan.Text("oldPrimary")} -> {plan.Text("candidate")}");
        foreach (var refusal in plan.Items("refusals"))
            terminal.Console.MarkupLine($"[red]refused:[/] {Markup.Escape(refusal.Text("message"))}");
        var number = 0;
        foreach (var step in plan.Items("steps"))
            terminal.Line($"{++number,3}. {step.Text("action")} {step.Text("server")}: {step.Text("description")}");
        foreach (var warning in plan.Items("warnings"))
            terminal.Console.MarkupLine($"[yellow]warning:[/] {Markup.Escape(warning.Text("message"))}");
    }

    private static void PrintOutcome(Terminal terminal, string kind, JsonElement outcome)
    {
        foreach (var step in outcome.Items("steps"))
            terminal.Line($"{step.Text("action"),-20} {step.Text("server"),-22} {step.Text("milliseconds"),8} ms  {step.Text("outcome")}");
        foreach (var warning in outcome.Items("warnings"))
            terminal.Console.MarkupLine($"[yellow]warning:[/] {Markup.Escape(warning.GetString() ?? "")}");
        var plan = outcome.GetProperty("plan");
        if (outcome.TryGetProperty("succeeded", out var succeeded) && succeeded.GetBoolean())
            terminal.Console.MarkupLine($"[green]{kind} done[/]: {Markup.Escape(plan.Text("candidate"))} is the primary ({outcome.Text("milliseconds")} ms)");
        else
            terminal.Console.MarkupLine($"[red]{kind} failed[/]: {Markup.Escape(outcome.Text("error"))}");
    }

    private static Command Backup(CliContext context)
    {
        var server = new Option<string?>("--server") { Description = "The server to back up (id or host:port); default: the primary, physically" };
        var type = new Option<string>("--type") { Description = "logical (backup-logical-type) or physical (backup-physical-type)", DefaultValueFactory = _ => "logical" };
        var wait = new Option<bool>("--wait") { Description = "Follow the backup until it ends; exit 1 if it failed" };
        var command = new Command("backup", "Back a server up now") { server, type, wait };
        command.SetAction(context.Remote(async (parse, api, ct) =>
        {
            var kind = parse.GetValue(type)!;
            if (kind is not ("logical" or "physical"))
                throw new CliException(ExitCodes.Usage, $"--type {kind}: not a backup type", "use logical or physical");
            var cluster = await Targets.ClusterAsync(api, ct);
            JsonElement jobs;
            if (parse.GetValue(server) is { } name)
            {
                var target = await Targets.ServerAsync(api, cluster, name, ct);
                jobs = await api.PostAsync($"{Targets.ServerPath(cluster, target)}/actions/backup-{kind}", ct);
            }
            else if (kind == "physical")
                jobs = await api.PostAsync($"{Targets.ClusterPath(cluster)}/actions/master-physical-backup", ct);
            else
                throw new CliException(ExitCodes.Usage, "a logical backup needs --server", "name the server (a replica, usually) with --server host:port");
            ClusterCommands.Print(context, api, jobs, () => JobCommands.PrintStarted(context, jobs));
            return parse.GetValue(wait) ? await JobCommands.FollowAsync(context, api, cluster, JobCommands.Keys(jobs), ct) : ExitCodes.Ok;
        }));
        return command;
    }
}
