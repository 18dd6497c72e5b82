using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace ReplicationManager.MariaDb;

/// <summary>Helpers for the holes of a <see cref="SqlStatement"/> that are SQL rather than values.</summary>
public static class Sql
{
    /// <summary>
    /// Constant SQL text to splice in unescaped, for example <c>$"SELECT {Sql.Raw("1")}"</c>. The argument must be a
    /// compile-time constant (analyzer CA1857); for trusted text built at run time use <see cref="SqlStatement.Raw"/>.
    /// </summary>
    public static SqlRaw Raw([ConstantExpected] string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        return new(sql);
    }

    /// <summary>A database, table or column name in backticks, for example <c>$"DROP TABLE {Sql.Identifier(name)}"</c>.</summary>
    public static SqlIdentifier Identifier(string name) => new(Quote(name));

    /// <summary>A qualified name, for example <c>`schema`.`table`</c>.</summary>
    public static SqlIdentifier Identifier(string qualifier, string name) => new($"{Quote(qualifier)}.{Quote(name)}");

    private static string Quote(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (name.Contains('\0', StringComparison.Ordinal))
            throw new ArgumentException("an identifier cannot contain NUL", nameof(name));
        var quoted = new StringBuilder(name.Length + 2).Append('`');
        foreach (var c in name)
            quoted.Append(c == '`' ? "``" : c);
        return quoted.Append('`').ToString();
    }
}
