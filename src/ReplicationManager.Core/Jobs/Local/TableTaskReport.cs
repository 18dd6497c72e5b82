using System.Globalization;
using System.Text.Json;

namespace ReplicationManager.Core.Jobs.Local;

/// <summary>The result of a per-table maintenance task, kept as the job's result (JSON).</summary>
/// <param name="Task">The task name.</param>
/// <param name="Server">The server, <c>host:port</c>.</param>
/// <param name="Start">When the task started.</param>
/// <param name="End">When it ended.</param>
/// <param name="Summary">One line for people: counts per status.</param>
/// <param name="Tables">Each table, in the order done.</param>
public sealed record TableTaskReport(string Task, string Server, DateTimeOffset Start, DateTimeOffset End, string Summary, IReadOnlyList<TableReport> Tables)
{
    public static TableTaskReport Of(string task, string server, DateTimeOffset start, DateTimeOffset end, IReadOnlyList<TableReport> tables) =>
        new(task, server, start, end, SummaryOf(tables), tables);

    public bool Succeeded => Tables.All(table => table.Status != TableStatus.Failed);

    public LocalJobOutcome ToOutcome() =>
        new(Succeeded, JsonSerializer.Serialize(this, LocalJobJson.Default.TableTaskReport));

    private static string SummaryOf(IReadOnlyList<TableReport> tables)
    {
        if (tables.Count == 0)
            return "no user table";
        var counts = tables.GroupBy(table => table.Status).OrderBy(group => group.Key)
            .Select(group => string.Create(CultureInfo.InvariantCulture, $"{group.Count()} {group.Key.ToString().ToLowerInvariant()}"));
        var failed = tables.Where(table => table.Status != TableStatus.Ok).Take(5).Select(table => table.Table).ToList();
        var detail = failed.Count == 0 ? "" : $" (not ok: {string.Join(", ", failed)}{(tables.Count(t => t.Status != TableStatus.Ok) > failed.Count ? ", …" : "")})";
        return $"{tables.Count} tables: {string.Join(", ", counts)}{detail}";
    }
}
