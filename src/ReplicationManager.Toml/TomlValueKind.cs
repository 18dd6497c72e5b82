using System.Diagnostics.CodeAnalysis;

namespace ReplicationManager.Toml;

/// <summary>The TOML 1.0 value types.</summary>
[SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "These are the TOML specification's type names.")]
public enum TomlValueKind
{
    /// <summary>A string of any of the four string syntaxes.</summary>
    String,

    /// <summary>A 64-bit signed integer.</summary>
    Integer,

    /// <summary>An IEEE 754 binary64 float, including inf and nan.</summary>
    Float,

    /// <summary>true or false.</summary>
    Boolean,

    /// <summary>A date and time with a UTC offset, such as 1979-05-27T07:32:00Z.</summary>
    OffsetDateTime,

    /// <summary>A date and time without an offset, such as 1979-05-27T07:32:00.</summary>
    LocalDateTime,

    /// <summary>A date alone, such as 1979-05-27.</summary>
    LocalDate,

    /// <summary>A time of day alone, such as 07:32:00.</summary>
    LocalTime,

    /// <summary>An array, static or an array of tables.</summary>
    Array,

    /// <summary>A table, standard or inline.</summary>
    Table,
}
