using ReplicationManager.MariaDb;

namespace ReplicationManager.Core.Jobs.Local;

/// <summary>A table of a database server: its schema and name.</summary>
public sealed record TableName(string Schema, string Name)
{
    /// <summary>The table quoted for SQL: <c>`schema`.`name`</c>.</summary>
    internal SqlIdentifier Quoted => MariaDb.Sql.Identifier(Schema, Name);

    public override string ToString() => $"{Schema}.{Name}";
}
