using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace ReplicationManager.Core.Topology;

/// <summary>One MariaDB GTID, <c>domain-server-sequence</c> (for example <c>0-11-30</c>).</summary>
/// <param name="Domain">The replication domain (<c>gtid_domain_id</c> of the writer).</param>
/// <param name="ServerId">The <c>server_id</c> of the server that wrote the transaction first.</param>
/// <param name="Sequence">The transaction's number in its domain.</param>
public sealed record GtidPosition(uint Domain, uint ServerId, ulong Sequence)
{
    public override string ToString() => $"{Domain}-{ServerId}-{Sequence}";

    /// <summary>Reads <c>domain-server-sequence</c>.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, [NotNullWhen(true)] out GtidPosition? position)
    {
        position = null;
        text = text.Trim();
        var first = text.IndexOf('-');
        if (first <= 0)
            return false;
        var rest = text[(first + 1)..];
        var second = rest.IndexOf('-');
        if (second <= 0)
            return false;
        if (!uint.TryParse(text[..first], NumberStyles.None, CultureInfo.InvariantCulture, out var domain)
            || !uint.TryParse(rest[..second], NumberStyles.None, CultureInfo.InvariantCulture, out var serverId)
            || !ulong.TryParse(rest[(second + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
            return false;
        position = new GtidPosition(domain, serverId, sequence);
        return true;
    }
}
