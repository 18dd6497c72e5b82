using System.Text.RegularExpressions;

namespace ReplicationManager.Core.Metrics;

/// <summary>
/// Graphite metric names and patterns: dot-separated nodes of letters, digits, '_' and '-' (never '..' or '/', so a
/// name can never leave the store's folder); patterns take carbon's globs per node: *, ?, [abc], {a,b}.
/// </summary>
public static partial class MetricName
{
    public static bool IsValid(string name) => name.Length is > 0 and <= 512 && Valid().IsMatch(name);

    /// <summary>A node made from anything (a host name, an address): what is not allowed becomes '_'.</summary>
    public static string Node(string text) => Invalid().Replace(text, "_");

    /// <summary>A matcher for one node of a pattern.</summary>
    public static Regex NodePattern(string node)
    {
        var regex = new System.Text.StringBuilder("^");
        for (var i = 0; i < node.Length; i++)
        {
            var c = node[i];
            switch (c)
            {
                case '*':
                    regex.Append("[^.]*");
                    break;
                case '?':
                    regex.Append("[^.]");
                    break;
                case '[':
                    var close = node.IndexOf(']', i + 1);
                    if (close < 0)
                        throw new FormatException($"'{node}': '[' without ']'");
                    regex.Append('[').Append(Regex.Escape(node[(i + 1)..close]).Replace("\\-", "-", StringComparison.Ordinal)).Append(']');
                    i = close;
                    break;
                case '{':
                    var end = node.IndexOf('}', i + 1);
                    if (end < 0)
                        throw new FormatException($"'{node}': '{{' without '}}'");
                    regex.Append("(?:").Append(string.Join('|', node[(i + 1)..end].Split(',').Select(Regex.Escape))).Append(')');
                    i = end;
                    break;
                default:
                    regex.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }
        return new Regex(regex.Append('$').ToString(), RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
    }

    [GeneratedRegex(@"^[A-Za-z0-9_\-]+(\.[A-Za-z0-9_\-]+)*$")]
    private static partial Regex Valid();

    [GeneratedRegex(@"[^A-Za-z0-9_\-]")]
    private static partial Regex Invalid();
}
