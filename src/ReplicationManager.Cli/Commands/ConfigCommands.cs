using System.CommandLine;
using System.Text.Json;
using ReplicationManager.Cli.Connection;
using ReplicationManager.Cli.Output;
using ReplicationManager.Core.Options;
using Spectre.Console;

namespace ReplicationManager.Cli.Commands;

/// <summary>
/// Configuration without a running repman: <c>config check FILE</c>, <c>config show [FILE]</c> (from repman when no
/// file is named), <c>print-defaults</c>.
/// </summary>
internal static class ConfigCommands
{
    public static IEnumerable<Command> Build(CliContext context)
    {
        var config = new Command("config", "Check a configuration file, or show every key's effective value and default");
        config.Subcommands.Add(Check(context));
        config.Subcommands.Add(Show(context));
        yield return config;
        yield return PrintDefaults(context);
    }

    private static Command Check(CliContext context)
    {
        var file = new Argument<string>("file") { Description = "The configuration file (its include folder is read too)" };
        var command = new Command("check", "Read a configuration file as repman would: every error and warning with file:line:column and key; exit 1 on an error") { file };
        command.SetAction(context.Local((parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            if (!File.Exists(path))
                throw new CliException(ExitCodes.Usage, $"{path}: no such file");
            try
            {
                var loaded = ConfigurationLoader.Load(path);
                var findings = loaded.Diagnostics.Where(d => d.Severity != ConfigSeverity.Information).ToList();
                Report(context, findings);
                context.Terminal.Error.WriteLine($"{path}: {loaded.Options.Clusters.Count} cluster(s), no errors, {findings.Count} warning(s)");
                return Task.FromResult(ExitCodes.Ok);
            }
            catch (ConfigurationException ex) when (ex.Errors.Count > 0)
            {
                Report(context, ex.Errors);
                context.Terminal.Error.WriteLine($"{path}: {ex.Errors.Count} error(s); repman would not start with it");
                return Task.FromResult(ExitCodes.Failed);
            }
            catch (ConfigurationException ex)
            {
                throw new CliException(ExitCodes.Failed, ex.Message);
            }
        }));
        return command;
    }

    private static void Report(CliContext context, IEnumerable<ConfigDiagnostic> findings)
    {
        foreach (var finding in findings)
        {
            var level = finding.Severity == ConfigSeverity.Error ? "error" : "warning";
            context.Terminal.Raw.WriteLine($"{finding.Origin}: {level}: {(finding.Key is null ? "" : finding.Key + ": ")}{finding.Message}");
        }
    }

    private static Command Show(CliContext context)
    {
        var file = new Argument<string?>("file") { Description = "A configuration file; without it, repman's running configuration (through the API)", Arity = ArgumentArity.ZeroOrOne };
        var changed = new Option<bool>("--changed") { Description = "Only the keys set in the files" };
        var command = new Command("show", "Every key with its effective value, default and where it was set (secrets masked)") { file, changed };
        command.SetAction(context.Local(async (parse, ct) =>
        {
            var endpoint = context.Connection.Read(parse);
            var sections = parse.GetValue(file) is { } path ? FromFile(path, endpoint.Cluster) : await FromRepmanAsync(context, parse, ct);
            if (endpoint.Json)
            {
                context.Terminal.Json(sections.ToDictionary(section => section.Name, section => section.Settings));
                return ExitCodes.Ok;
            }
            foreach (var (name, settings) in sections)
            {
                context.Terminal.Console.MarkupLine($"[bold][[{Markup.Escape(name)}]][/]");
                var table = Terminal.Table("Key", "Value", "Default", "Set at");
                foreach (var setting in settings.Where(s => !parse.GetValue(changed) || !s.IsDefault))
                    table.AddRow(Markup.Escape(setting.Key), Markup.Escape(setting.Value), Markup.Escape(setting.Default), setting.IsDefault ? "[grey](default)[/]" : Markup.Escape(setting.Origin));
                context.Terminal.Write(table);
            }
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static List<(string Name, IReadOnlyList<EffectiveSetting> Settings)> FromFile(string path, string? cluster)
    {
        if (!File.Exists(path))
            throw new CliException(ExitCodes.Usage, $"{path}: no such file");
        RepmanOptions options;
        try
        {
            options = ConfigurationLoader.Load(path).Options;
        }
        catch (ConfigurationException ex)
        {
            throw new CliException(ExitCodes.Failed, ex.Message, $"replication-manager-cli config check {path}");
        }
        var sections = new List<(string, IReadOnlyList<EffectiveSetting>)> { ("Default", options.Global.Section!.Effective(ConfigScope.Global)) };
        sections.AddRange(options.Clusters.Where(c => cluster is null || c.Name == cluster).Select(c => (c.Name, c.Section!.Effective(ConfigScope.Cluster))));
        return sections;
    }

    private static async Task<List<(string Name, IReadOnlyList<EffectiveSetting> Settings)>> FromRepmanAsync(CliContext context, ParseResult parse, CancellationToken ct)
    {
        using var api = context.Connect(parse);
        var cluster = await Targets.ClusterAsync(api, ct);
        return
        [
            ("Default", Settings(await api.GetAsync("/api/settings/effective", ct))),
            (cluster, Settings(await api.GetAsync($"{Targets.ClusterPath(cluster)}/settings/effective", ct))),
        ];
    }

    private static List<EffectiveSetting> Settings(JsonElement json) => json.EnumerateArray()
        .Select(s => new EffectiveSetting(s.Text("key"), s.Text("value"), s.Text("default"), s.Text("kind"), s.Text("origin"), s.Text("description")))
        .ToList();

    private static Command PrintDefaults(CliContext context)
    {
        var command = new Command("print-defaults", "Print every key repman reads with its default, as a [Default] section of TOML");
        command.SetAction(context.Local((parse, ct) =>
        {
            context.Terminal.Line("[Default]");
            foreach (var group in ConfigCatalog.ByGroup)
            {
                context.Terminal.Line("");
                context.Terminal.Line($"# {group.Title}");
                foreach (var key in group.Keys)
                    context.Terminal.Line($"{key.Name} = {key.DefaultText}");
            }
            return Task.FromResult(ExitCodes.Ok);
        }));
        return command;
    }
}
