namespace ReplicationManager.Toml.Parsing;

/// <summary>How a table came to exist; TOML's redefinition rules depend on it.</summary>
internal enum TableOrigin
{
    /// <summary>The document root.</summary>
    Root,

    /// <summary>Named only as a parent in a header, such as <c>a</c> in <c>[a.b]</c>; a later <c>[a]</c> may still define it.</summary>
    Implicit,

    /// <summary>Defined by its own <c>[header]</c>; it cannot be defined again or extended by dotted keys.</summary>
    Header,

    /// <summary>An element of an array of tables, made by a <c>[[header]]</c>.</summary>
    ArrayElement,

    /// <summary>Made by a dotted key such as <c>a.b = 1</c>; headers may add sub-tables to it but not define it.</summary>
    DottedKey,

    /// <summary>Written in braces, or made by dotted keys inside braces; it is complete and immutable.</summary>
    Inline,
}
