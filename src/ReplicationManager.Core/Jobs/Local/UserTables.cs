using ReplicationManager.MariaDb;

namespace ReplicationManager.Core.Jobs.Local;

/// <summary>
/// The tables maintenance works on: base tables outside the system schemas and repman's own. Listed with
/// <c>SHOW DATABASES</c> and <c>SHOW FULL TABLES</c>, which read names and table types without opening any table,
/// so that listing never waits for a metadata lock (information_schema.TABLES.TABLE_TYPE would open each table).
/// </summary>
internal static class UserTables
{
    /// <summary>Schemas that hold no user data, and repman's own.</summary>
    public static IReadOnlySet<string> SystemSchemas { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "mysql", "information_schema", "performance_schema", "sys", "replication_manager_schema",
    };

    public static bool IsUserSchema(string schema) => !SystemSchemas.Contains(schema) && !schema.StartsWith('#');

    public static async Task<IReadOnlyList<string>> SchemasAsync(MariaDbConnection connection, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync($"SHOW DATABASES", cancellationToken);
        return rows.Select(row => row[0].GetString()).Where(IsUserSchema).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>Every table of the user schemas with its type (<c>BASE TABLE</c>, <c>VIEW</c>, <c>SEQUENCE</c>...).</summary>
    public static async Task<IReadOnlyList<(TableName Table, string Type)>> ListWithTypesAsync(MariaDbConnection connection, CancellationToken cancellationToken)
    {
        var tables = new List<(TableName, string)>();
        foreach (var schema in await SchemasAsync(connection, cancellationToken))
        {
            IReadOnlyList<MariaDbRow> rows;
            try
            {
                rows = await connection.QueryAsync($"SHOW FULL TABLES FROM {MariaDb.Sql.Identifier(schema)}", cancellationToken);
            }
            catch (MariaDbException ex) when (ex.ErrorCode == MariaDbErrorCodes.UnknownDatabase)
            {
                continue;
            }
            tables.AddRange(rows.Select(row => (new TableName(schema, row[0].GetString()), row[1].GetString())));
        }
        return tables;
    }

    /// <summary>The base tables of the user schemas, by schema then name.</summary>
    public static async Task<IReadOnlyList<TableName>> ListAsync(MariaDbConnection connection, CancellationToken cancellationToken) =>
        (await ListWithTypesAsync(connection, cancellationToken))
            .Where(table => table.Type == "BASE TABLE")
            .Select(table => table.Table)
            .ToList();
}
