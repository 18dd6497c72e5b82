using System.Text.Json.Serialization;

namespace ReplicationManager.Core.Jobs.Protocol;

/// <summary>
/// What the latest <c>receive-jobs-check</c> of a host found: the SHA-256 of the script the host runs, repman's,
/// and so whether the host needs an upgrade (<c>send-jobs-upgrade</c>).
/// </summary>
public sealed record ScriptCheck(
    [property: JsonPropertyName("server")] string Server,
    [property: JsonPropertyName("hostSha256")] string? HostSha256,
    [property: JsonPropertyName("repmanSha256")] string? RepmanSha256,
    [property: JsonPropertyName("checkedAt")] DateTimeOffset CheckedAt,
    [property: JsonPropertyName("failure")] string? Failure)
{
    /// <summary>The host runs another script than repman's.</summary>
    [JsonPropertyName("upgradeNeeded")]
    public bool UpgradeNeeded => Failure is null && !string.Equals(HostSha256, RepmanSha256, StringComparison.Ordinal);
}
