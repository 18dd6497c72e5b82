namespace ReplicationManager.Core.Jobs.Local;

/// <summary>One row an admin statement returned for a table: <c>Msg_type</c> (status, note, warning, error) and <c>Msg_text</c>.</summary>
public sealed record TableMessage(string Type, string Text);
