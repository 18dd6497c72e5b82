using System.Text;

namespace ReplicationManager.Core.Options;

/// <summary>Writes docs/configuration.md from the key catalog, so that the documentation cannot drift from the code.</summary>
public static class ConfigurationDocs
{
    public static string Render()
    {
        var doc = new StringBuilder();
        doc.AppendLine("# Configuration");
        doc.AppendLine();
        doc.AppendLine("<!-- Generated from src/ReplicationManager.Core/Options/Keys by ConfigurationDocs; do not edit by hand.");
        doc.AppendLine("     Regenerate with: REPMAN_UPDATE_DOCS=1 dotnet test tests/ReplicationManager.Core.Tests --filter ConfigurationDocsTests -->");
        doc.AppendLine();
        doc.AppendLine("repman reads replication-manager's TOML: `[Default]` holds the defaults, and each other section is one cluster");
        doc.AppendLine("that inherits `[Default]`. `include` names a directory whose `*.toml` files are read too. Keys marked");
        doc.AppendLine("*global* are read from `[Default]` only. Lists are comma-separated strings (`\"db1:3306,db2:3306\"`) or TOML arrays;");
        doc.AppendLine("numbers may be quoted, as replication-manager's own files do. Durations are whole numbers in the unit named.");
        doc.AppendLine("A wrong type or value, a duplicate key and a misspelt key (one close to a known key, named in the message) stop the");
        doc.AppendLine("start with file, line and key, and exit code 2; a key close to no known one is a warning (a newer");
        doc.AppendLine("replication-manager's key, which replication-manager ignores too).");
        doc.AppendLine("What replication-manager starts with, repman starts with too: a missing `include` directory is a warning, and a");
        doc.AppendLine("`backup-logical-type` repman cannot run (`river`, `dumpling`) turns the scheduled logical backup off, with the reason");
        doc.AppendLine("in the log and on the schedule (`disabledBecause`), instead of refusing the file.");
        doc.AppendLine("Keys marked (repman) are repman's own additions.");
        doc.AppendLine();
        foreach (var group in ConfigCatalog.ByGroup)
        {
            doc.AppendLine($"## {group.Title}");
            doc.AppendLine();
            doc.AppendLine("| Key | Type | Default | Meaning |");
            doc.AppendLine("|---|---|---|---|");
            foreach (var key in group.Keys)
                doc.AppendLine($"| `{key.Name}` | {Kind(key)} | `{key.DefaultText}` | {Escape(Meaning(key))} |");
            doc.AppendLine();
        }
        doc.AppendLine("## Other replication-manager keys");
        doc.AppendLine();
        doc.AppendLine("These keys of replication-manager are accepted and type-checked, so an existing configuration loads unchanged,");
        doc.AppendLine("but this version of repman does not act on them (a line at Information level says so at start):");
        doc.AppendLine();
        doc.AppendLine(string.Join(", ", RecognizedKeys.All.Keys.Order(StringComparer.Ordinal).Select(name => $"`{name}`")));
        return doc.ToString();
    }

    private static string Kind(ConfigKey key) =>
        key.Scope == ConfigScope.Global ? $"{key.Kind}, *global*" : key.Kind;

    private static string Meaning(ConfigKey key) =>
        key.Aliases.Count == 0 ? key.Description : $"{key.Description} Also read as: {string.Join(", ", key.Aliases)}.";

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
