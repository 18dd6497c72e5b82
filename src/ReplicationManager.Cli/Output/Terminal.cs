using System.Text.Json;
using Spectre.Console;

namespace ReplicationManager.Cli.Output;

/// <summary>Where commands write: tables for people (Spectre.Console), indented JSON for scripts (--json), errors to stderr.</summary>
public sealed class Terminal
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public Terminal(TextWriter output, TextWriter error)
    {
        Error = error;
        Raw = output;
        Console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
        // Redirected output (a pipe, a test) has no width: tables get room instead of wrapping at 80.
        if (!Console.Profile.Capabilities.Interactive)
            Console.Profile.Width = 200;
    }

    public IAnsiConsole Console { get; }

    public TextWriter Raw { get; }

    public TextWriter Error { get; }

    public bool IsInteractive => Console.Profile.Capabilities.Interactive;

    public void Json(JsonElement json) => Raw.WriteLine(JsonSerializer.Serialize(json, Indented));

    public void Json<T>(T value) => Raw.WriteLine(JsonSerializer.Serialize(value, Indented));

    public void Line(string text) => Raw.WriteLine(text);

    public static Table Table(params string[] columns)
    {
        var table = new Table().Border(TableBorder.Simple);
        foreach (var column in columns)
            table.AddColumn(new TableColumn(Markup.Escape(column)));
        return table;
    }

    public void Write(Table table) => Console.Write(table);
}
