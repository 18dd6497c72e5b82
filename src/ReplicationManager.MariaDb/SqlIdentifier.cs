namespace ReplicationManager.MariaDb;

/// <summary>A database, table or column name to splice into a statement in backticks; made by <see cref="Sql.Identifier(string)"/>.</summary>
public readonly record struct SqlIdentifier
{
    internal SqlIdentifier(string quoted) => Quoted = quoted;

    /// <summary>The name in backticks, inner backticks doubled, for example <c>`my``table`</c>.</summary>
    public string Quoted { get; }

    public override string ToString() => Quoted;
}
