using System.Text;

namespace ReplicationManager.Core.Backups;

/// <summary>
/// The option strings of <c>backup-mysqldump-options</c> and <c>backup-mydumper-options</c>, read as a command line
/// without a shell: split on white space, with single or double quotes grouping a value that holds spaces.
/// </summary>
internal static class ToolOptions
{
    public static IReadOnlyList<string> Split(string options)
    {
        var tokens = new List<string>();
        var current = new StringBuilder();
        var inToken = false;
        char? quote = null;
        foreach (var c in options)
        {
            if (quote is { } open)
            {
                if (c == open)
                    quote = null;
                else
                    current.Append(c);
            }
            else if (c is '\'' or '"')
            {
                quote = c;
                inToken = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inToken)
                    tokens.Add(current.ToString());
                current.Clear();
                inToken = false;
            }
            else
            {
                current.Append(c);
                inToken = true;
            }
        }
        if (inToken)
            tokens.Add(current.ToString());
        return tokens;
    }

    /// <summary>
    /// The option a token names, without dashes and value, underscores read as dashes (<c>--master_data=2</c> is
    /// <c>master-data</c>); a short option is its letter (<c>-psecret</c> is <c>p</c>); null for a plain value.
    /// </summary>
    public static string? NameOf(string token)
    {
        if (token.StartsWith("--", StringComparison.Ordinal) && token.Length > 2)
        {
            var equals = token.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? token[2..] : token[2..equals];
            return name.Replace('_', '-').ToLowerInvariant();
        }
        if (token.Length >= 2 && token[0] == '-' && token[1] != '-')
            return token[1].ToString();
        return null;
    }

    /// <summary>The token is a long option with its value attached (<c>--name=value</c>) or a short one with its value glued on.</summary>
    public static bool HasAttachedValue(string token) =>
        token.StartsWith("--", StringComparison.Ordinal) ? token.Contains('=', StringComparison.Ordinal) : token.Length > 2;
}
