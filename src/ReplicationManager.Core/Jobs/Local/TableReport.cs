using ReplicationManager.MariaDb;

namespace ReplicationManager.Core.Jobs.Local;

/// <summary>What a maintenance statement did to one table: its status, the server's messages, and a checksum when one was taken.</summary>
public sealed record TableReport(string Table, TableStatus Status, IReadOnlyList<TableMessage> Messages, long? Checksum = null)
{
    /// <summary>Reads the rows of ANALYZE, OPTIMIZE or CHECK (<c>Msg_type</c>, <c>Msg_text</c>) for one table.</summary>
    public static TableReport FromMessages(TableName table, IReadOnlyList<TableMessage> messages)
    {
        var error = messages.FirstOrDefault(message => message.Type.Equals("error", StringComparison.OrdinalIgnoreCase));
        return new TableReport(table.ToString(), error is null ? TableStatus.Ok : StatusOf(error.Text), messages);
    }

    /// <summary>A table whose statement raised a server error.</summary>
    public static TableReport FromError(TableName table, MariaDbException error) =>
        new(table.ToString(), error.ErrorCode is MariaDbErrorCodes.NoSuchTable or MariaDbErrorCodes.LockWaitTimeout ? TableStatus.Skipped : TableStatus.Failed,
            [new TableMessage("error", $"{error.ErrorCode}: {error.Message}")]);

    private static TableStatus StatusOf(string errorText) =>
        errorText.Contains("doesn't exist", StringComparison.OrdinalIgnoreCase) || errorText.StartsWith("Lock wait timeout", StringComparison.OrdinalIgnoreCase)
            ? TableStatus.Skipped
            : TableStatus.Failed;
}
