using System.Globalization;
using System.Text.RegularExpressions;
using ReplicationManager.Core.Jobs.Streams;

namespace ReplicationManager.Core.Jobs;

/// <summary>
/// What the sender says it sent, when it says so: <c>size=N</c> and <c>sha256=HEX</c> in the job's result
/// (repman's dbjobs_new gives the digest, which proves the stream complete too). A stream is kept only when what
/// arrived matches (DECISIONS 6).
/// </summary>
internal sealed partial record StreamDeclaration(long? Size, string? Sha256)
{
    public static StreamDeclaration Parse(string? result)
    {
        if (string.IsNullOrEmpty(result))
            return new(null, null);
        var size = SizePattern().Match(result);
        var sha = ShaPattern().Match(result);
        return new(
            size.Success ? long.Parse(size.Groups[1].ValueSpan, CultureInfo.InvariantCulture) : null,
            sha.Success ? sha.Groups[1].Value.ToLowerInvariant() : null);
    }

    public string? Mismatch(StreamReceipt receipt)
    {
        if (Size is { } size && size != receipt.Bytes)
            return $"the stream is incomplete: the sender sent {size} bytes, {receipt.Bytes} arrived";
        if (Sha256 is { } sha && !string.Equals(sha, receipt.Sha256, StringComparison.Ordinal))
            return Size is null
                ? $"the stream is incomplete or damaged: the sha256 of the {receipt.Bytes} bytes that arrived, {receipt.Sha256}, differs from the sender's {sha}"
                : $"the stream is damaged: sha256 {receipt.Sha256} differs from the sender's {sha}";
        return null;
    }

    [GeneratedRegex(@"\bsize=(\d+)\b")]
    private static partial Regex SizePattern();

    [GeneratedRegex(@"\bsha256=([0-9a-fA-F]{64})\b")]
    private static partial Regex ShaPattern();
}
