namespace ReplicationManager.Toml.Parsing;

/// <summary>
/// Builds the table tree and enforces TOML's rules on defining tables: by a header once, by dotted keys only within
/// one table's key/value pairs, never by extending an inline table or a static array.
/// </summary>
internal sealed class TableBuilder(SourceReader reader)
{
    /// <summary>A bound on tables and arrays within each other, so no consumer of the tree recurses without limit.</summary>
    public const int MaxDepth = 128;

    public TomlTable Root { get; } = new(new TomlPosition(1, 1), TableOrigin.Root, string.Empty, depth: 0);

    /// <summary>Handles <c>[key]</c>: defines the table, or an implicit one made earlier by a longer header.</summary>
    public TomlTable DefineTable(List<KeyPart> key, TomlPosition header)
    {
        var parent = WalkHeaderParents(key);
        var last = key[^1];
        if (!parent.TryGetValue(last.Name, out var existing))
            return AddTable(parent, last, header, TableOrigin.Header);
        if (existing is TomlTable { Origin: TableOrigin.Implicit } table)
        {
            table.Origin = TableOrigin.Header;
            table.Position = header;
            parent.MoveKey(last.Name, last.Position);
            return table;
        }

        var first = parent.GetKeyPosition(last.Name);
        var name = KeyText.Join(key, key.Count);
        throw existing switch
        {
            TomlTable { Origin: TableOrigin.Header } => reader.ErrorAt(
                last.Position, $"table [{name}] is defined twice (first defined at line {first.Line})"),
            TomlTable { Origin: TableOrigin.DottedKey } => reader.ErrorAt(
                last.Position, $"table [{name}] was already defined by dotted keys at line {first.Line}; a header cannot define it again"),
            TomlArray { IsArrayOfTables: true } => reader.ErrorAt(
                last.Position, $"[{name}] conflicts with the array of tables [[{name}]] (line {first.Line})"),
            _ => reader.ErrorAt(
                last.Position, $"cannot define table [{name}]: key {KeyText.Quote(name)} is already {TomlTypeName.Of(existing)} (line {first.Line})"),
        };
    }

    /// <summary>Handles <c>[[key]]</c>: appends a new table to the array of tables, making the array if needed.</summary>
    public TomlTable AppendArrayElement(List<KeyPart> key, TomlPosition header)
    {
        var parent = WalkHeaderParents(key);
        var last = key[^1];
        TomlArray array;
        if (!parent.TryGetValue(last.Name, out var existing))
        {
            array = new TomlArray(header, isArrayOfTables: true, CheckDepth(parent.Depth + 1, last.Position));
            parent.Add(last.Name, last.Position, array);
        }
        else if (existing is TomlArray { IsArrayOfTables: true } tables)
        {
            array = tables;
        }
        else
        {
            var first = parent.GetKeyPosition(last.Name);
            var name = KeyText.Join(key, key.Count);
            throw existing is TomlArray
                ? reader.ErrorAt(last.Position, $"cannot append to the static array {KeyText.Quote(name)} (line {first.Line}) with [[{name}]]")
                : reader.ErrorAt(last.Position, $"cannot define array of tables [[{name}]]: key {KeyText.Quote(name)} is already {TomlTypeName.Of(existing)} (line {first.Line})");
        }

        var element = new TomlTable(header, TableOrigin.ArrayElement, KeyText.Join(parent.Path, last.Name), CheckDepth(array.Depth + 1, last.Position));
        array.Add(element);
        return element;
    }

    /// <summary>
    /// For <c>a.b.c = value</c> in <paramref name="table"/>: returns the table that receives <c>c</c>, making tables
    /// for <c>a</c> and <c>b</c> as needed, and rejects a <c>c</c> that already exists.
    /// </summary>
    public TomlTable ResolveKeyValueTable(TomlTable table, List<KeyPart> key)
    {
        for (var i = 0; i < key.Count - 1; i++)
        {
            var part = key[i];
            if (!table.TryGetValue(part.Name, out var existing))
            {
                table = AddTable(table, part, part.Position, TableOrigin.DottedKey);
                continue;
            }

            if (existing is TomlTable { Origin: TableOrigin.DottedKey or TableOrigin.Implicit } dotted)
            {
                // An implicit table becomes the dotted keys' table: a later header may then not define it.
                dotted.Origin = TableOrigin.DottedKey;
                table = dotted;
                continue;
            }

            throw CannotExtendWithDottedKey(table, key, i, existing);
        }

        var last = key[^1];
        if (table.TryGetKeyPosition(last.Name, out var first))
        {
            var where = table.Origin == TableOrigin.Root ? string.Empty : $" in {KeyText.Describe(table)}";
            throw reader.ErrorAt(last.Position, $"duplicate key {KeyText.QuoteName(last.Name)}{where} (first defined at line {first.Line})");
        }

        return table;
    }

    private TomlTable WalkHeaderParents(List<KeyPart> key)
    {
        var table = Root;
        for (var i = 0; i < key.Count - 1; i++)
        {
            var part = key[i];
            if (!table.TryGetValue(part.Name, out var existing))
            {
                table = AddTable(table, part, part.Position, TableOrigin.Implicit);
                continue;
            }

            table = existing switch
            {
                TomlTable { IsInline: false } child => child,
                TomlArray { IsArrayOfTables: true } tables => (TomlTable)tables[^1],
                _ => throw CannotExtendWithHeader(table, key, i, existing),
            };
        }

        return table;
    }

    private TomlTable AddTable(TomlTable parent, KeyPart part, TomlPosition position, TableOrigin origin)
    {
        var table = new TomlTable(position, origin, KeyText.Join(parent.Path, part.Name), CheckDepth(parent.Depth + 1, part.Position));
        parent.Add(part.Name, part.Position, table);
        return table;
    }

    public int CheckDepth(int depth, TomlPosition position) => depth <= MaxDepth
        ? depth
        : throw reader.ErrorAt(position, $"tables and arrays are nested more than {MaxDepth} deep");

    private TomlException CannotExtendWithHeader(TomlTable parent, List<KeyPart> key, int index, TomlValue existing)
    {
        var part = key[index];
        var line = parent.GetKeyPosition(part.Name).Line;
        var name = KeyText.Quote(key, index + 1);
        var header = KeyText.Join(key, key.Count);
        return existing switch
        {
            TomlTable => reader.ErrorAt(part.Position, $"cannot define [{header}] inside inline table {name} (line {line}): inline tables cannot be extended"),
            TomlArray => reader.ErrorAt(part.Position, $"cannot define [{header}] inside the static array {name} (line {line}): static arrays cannot be extended"),
            _ => reader.ErrorAt(part.Position, $"cannot define table [{header}]: key {name} is already {TomlTypeName.Of(existing)} (line {line})"),
        };
    }

    private TomlException CannotExtendWithDottedKey(TomlTable parent, List<KeyPart> key, int index, TomlValue existing)
    {
        var part = key[index];
        var line = parent.GetKeyPosition(part.Name).Line;
        var name = KeyText.Quote(key, index + 1);
        return existing switch
        {
            TomlTable { Origin: TableOrigin.Inline } => reader.ErrorAt(
                part.Position, $"cannot add keys to inline table {name} (line {line}): inline tables cannot be extended"),
            TomlTable table => reader.ErrorAt(
                part.Position, $"cannot add keys to {KeyText.Describe(table)} with dotted key {KeyText.Quote(key)}: it is defined by its header at line {line}"),
            TomlArray => reader.ErrorAt(
                part.Position, $"cannot add keys to {TomlTypeName.Of(existing)} {name} (line {line}) with a dotted key"),
            _ => reader.ErrorAt(
                part.Position, $"cannot use {name} as a table: it is already {TomlTypeName.Of(existing)} (line {line})"),
        };
    }
}
