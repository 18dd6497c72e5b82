using ReplicationManager.Core.Options.Keys;

namespace ReplicationManager.Core.Options;

/// <summary>The HTTPS API (api-*) and the plain HTTP check port (http-*).</summary>
public sealed record ApiOptions(
    bool ApiEnabled,
    string ApiBind,
    int ApiPort,
    IReadOnlyList<Credential> Users,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Grants,
    IReadOnlyDictionary<string, IReadOnlyList<string>> DiscardedGrants,
    TimeSpan TokenLifetime,
    string CertificatePath,
    string CertificateKeyPath,
    bool HttpEnabled,
    string HttpBind,
    int HttpPort,
    string DashboardRoot,
    bool MetricsOnCheckPort = false)
{
    internal static ApiOptions From(ConfigSection section) => new(
        section.Get(ApiKeys.ApiServer),
        section.Get(ApiKeys.ApiBind),
        section.Get(ApiKeys.ApiPort),
        section.Get(ApiKeys.ApiCredentials).Select(Credential.Parse).ToList(),
        ParseGrants(section.Get(ApiKeys.ApiAclAllow)),
        ParseGrants(section.Get(ApiKeys.ApiAclDiscard)),
        section.Get(ApiKeys.ApiTokenTimeout),
        section.Get(ApiKeys.SslCert),
        section.Get(ApiKeys.SslKey),
        section.Get(ApiKeys.HttpServer),
        section.Get(ApiKeys.HttpBindAddress),
        section.Get(ApiKeys.HttpPort),
        section.Get(ApiKeys.HttpRoot),
        section.Get(ApiKeys.MetricsOnCheckPort));

    /// <summary>Reads <c>user:grant grant,user2:grant</c> into grants per user.</summary>
    internal static Dictionary<string, IReadOnlyList<string>> ParseGrants(IReadOnlyList<string> entries)
    {
        var grants = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var colon = entry.IndexOf(':', StringComparison.Ordinal);
            var user = colon < 0 ? entry : entry[..colon];
            var names = colon < 0 ? [] : entry[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            grants[user] = names;
        }
        return grants;
    }
}
