using System.Text;

namespace ReplicationManager.Core.Monitoring;

/// <summary>
/// A probe reads the same names and mostly the same values every tick: it keeps the strings it made last time when
/// the bytes are the same, so an idle server's tick allocates almost nothing.
/// </summary>
internal static class UnchangedText
{
    private const int MaxNameLength = 64;

    private static readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> Names =
        MonitoredVariables.AllNames.ToDictionary(name => name, name => name, StringComparer.OrdinalIgnoreCase)
            .GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>A name of the probe's name-value rows, upper case: the constant when it is one of ours.</summary>
    public static string Name(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length <= MaxNameLength && Ascii.IsValid(utf8))
        {
            Span<char> chars = stackalloc char[utf8.Length];
            Ascii.ToUtf16(utf8, chars, out _);
            if (Names.TryGetValue(chars, out var known))
                return known;
        }
        return Encoding.UTF8.GetString(utf8).ToUpperInvariant();
    }

    /// <summary><paramref name="previous"/> when it holds exactly these (ASCII) bytes, else the bytes decoded.</summary>
    public static string Text(ReadOnlySpan<byte> utf8, string? previous) =>
        previous is not null && previous.Length == utf8.Length && Ascii.Equals(utf8, previous) ? previous : Encoding.UTF8.GetString(utf8);
}
