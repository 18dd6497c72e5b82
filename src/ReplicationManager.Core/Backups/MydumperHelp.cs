using System.Text.RegularExpressions;

namespace ReplicationManager.Core.Backups;

/// <summary>Reads the options a mydumper knows from its <c>--help</c> text, so that options of another version are left out instead of failing the dump.</summary>
internal static partial class MydumperHelp
{
    public static IReadOnlySet<string> OptionsIn(string help)
    {
        var options = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match match in OptionPattern().Matches(help))
        {
            if (match.Groups["short"].Success)
                options.Add(match.Groups["short"].Value);
            options.Add(match.Groups["long"].Value);
        }
        return options;
    }

    [GeneratedRegex(@"^\s+(?:-(?<short>[A-Za-z0-9?]),\s+)?--(?<long>[a-z0-9][a-z0-9-]*)", RegexOptions.Multiline)]
    private static partial Regex OptionPattern();
}
