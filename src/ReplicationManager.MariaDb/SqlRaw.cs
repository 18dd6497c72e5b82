namespace ReplicationManager.MariaDb;

/// <summary>Trusted SQL text to splice into a statement unescaped; made by <see cref="Sql.Raw"/>.</summary>
public readonly record struct SqlRaw
{
    internal SqlRaw(string text) => Text = text;

    /// <summary>The SQL text.</summary>
    public string Text { get; }

    public override string ToString() => Text;
}
