namespace ReplicationManager.Core.Jobs.Local;

/// <summary><c>tables.json</c> in the server's folder: every user table at one moment, and those whose statistics were skipped.</summary>
/// <param name="Server">The server, <c>host:port</c>.</param>
/// <param name="Taken">When the snapshot was taken.</param>
/// <param name="Tables">Every table and view of the user schemas.</param>
/// <param name="Skipped">Tables whose statistics were not read because DDL held their definition (or they were dropped meanwhile).</param>
public sealed record SchemaSnapshot(string Server, DateTimeOffset Taken, IReadOnlyList<TableSnapshot> Tables, IReadOnlyList<string> Skipped);
