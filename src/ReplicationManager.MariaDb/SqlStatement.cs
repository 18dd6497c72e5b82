using System.Buffers;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Text;
using ReplicationManager.MariaDb.Statements;

namespace ReplicationManager.MariaDb;

/// <summary>
/// SQL text with parameters, written as an interpolated string: in
/// <c>await connection.ExecuteAsync($"UPDATE t SET result = {result} WHERE id = {id}", ct)</c> every hole is a
/// parameter, sent as a correctly escaped literal of its type; only the literal text around the holes is SQL.
/// A plain string does not convert: use <see cref="Sql.Raw"/> or <see cref="Raw"/> for trusted SQL text, and
/// <see cref="Sql.Identifier(string)"/> for names. A statement may be kept and reused; it is frozen once used.
/// </summary>
[InterpolatedStringHandler]
public sealed class SqlStatement
{
    private SqlValue[] _parts;
    private int _count;
    private bool _frozen;

    /// <summary>Called by the compiler for an interpolated string.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public SqlStatement(int literalLength, int formattedCount) => _parts = new SqlValue[2 * formattedCount + 1];

    private SqlStatement(string trustedSql)
    {
        _parts = [SqlValue.Raw(trustedSql)];
        _count = 1;
        _frozen = true;
    }

    /// <summary>
    /// Trusted SQL text built at run time (for example a script file), sent as is. Never put values into it; use an
    /// interpolated <see cref="SqlStatement"/> instead.
    /// </summary>
    public static SqlStatement Raw(string trustedSql)
    {
        ArgumentNullException.ThrowIfNull(trustedSql);
        return new(trustedSql);
    }

    /// <summary>Called by the compiler for the literal text of an interpolated string.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public void AppendLiteral(string value) => Add(SqlValue.Raw(value));

    /// <summary>Called by the compiler for a hole of an interpolated string: the value becomes a parameter.</summary>
    /// <exception cref="ArgumentException">The value's type cannot be a parameter (or it is NaN or infinite).</exception>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public void AppendFormatted<T>(T value) => Add(SqlValue.From(value));

    /// <summary>The SQL with each parameter shown as <c>?</c>, so that logging a statement never logs its values.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (var part in _parts.AsSpan(0, _count))
        {
            text.Append(part.Kind switch
            {
                SqlValueKind.Raw or SqlValueKind.Identifier => (string)part.Reference!,
                SqlValueKind.Statement => part.Reference!.ToString(),
                _ => "?",
            });
        }
        return text.ToString();
    }

    /// <summary>The full SQL text with every parameter as a literal, as it would be sent.</summary>
    internal string ToSql(bool noBackslashEscapes)
    {
        var output = new ArrayBufferWriter<byte>();
        WriteTo(output, noBackslashEscapes);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    internal void WriteTo(IBufferWriter<byte> output, bool noBackslashEscapes)
    {
        Freeze();
        foreach (var part in _parts.AsSpan(0, _count))
            SqlLiteralWriter.Write(output, part, noBackslashEscapes);
    }

    internal SqlStatement Freeze()
    {
        _frozen = true;
        return this;
    }

    private void Add(SqlValue part)
    {
        if (_frozen)
            throw new InvalidOperationException("a statement cannot change once it has been used");
        if (_count == _parts.Length)
            Array.Resize(ref _parts, _parts.Length * 2);
        _parts[_count++] = part;
    }
}
