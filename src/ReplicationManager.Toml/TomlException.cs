namespace ReplicationManager.Toml;

/// <summary>
/// A TOML document could not be read, or one of its values is not what the reader of the document expected.
/// <see cref="Exception.Message"/> is <c>{source}:{line}:{column}: {reason}</c>, the form editors and CI logs link to
/// (without the source when there is none).
/// </summary>
public sealed class TomlException : Exception
{
    public TomlException(string? sourceName, TomlPosition position, string reason)
        : base(Format(sourceName, position, reason))
    {
        ArgumentNullException.ThrowIfNull(reason);
        SourceName = sourceName;
        Line = position.Line;
        Column = position.Column;
        Reason = reason;
    }

    /// <summary>The file name or other label the document was read from, if any.</summary>
    public string? SourceName { get; }

    /// <summary>1-based line of the offending character.</summary>
    public int Line { get; }

    /// <summary>1-based column of the offending character.</summary>
    public int Column { get; }

    /// <summary>What is wrong, without the location.</summary>
    public string Reason { get; }

    public TomlPosition Position => new(Line, Column);

    private static string Format(string? sourceName, TomlPosition position, string reason) =>
        sourceName is null
            ? $"{position.Line}:{position.Column}: {reason}"
            : $"{sourceName}:{position.Line}:{position.Column}: {reason}";
}
