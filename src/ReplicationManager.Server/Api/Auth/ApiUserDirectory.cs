using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;
using ReplicationManager.Core.Options;

namespace ReplicationManager.Server.Api.Auth;

/// <summary>
/// The users of <c>api-credentials</c> with their grants (<c>api-credentials-acl-allow</c> minus
/// <c>api-credentials-acl-discard</c>). A user without a password is refused: repman has no default password.
/// </summary>
internal sealed class ApiUserDirectory
{
    /// <summary>
    /// The system service account of the job scripts (spec 6.1.7.1): grants <c>db proxy</c>, so every <c>db-*</c>
    /// grant (db-jobs among them) by prefix. Its tokens come from secret-login only and each names one cluster and
    /// server; it has no password and no configured user can become it.
    /// </summary>
    public static readonly ApiUser ScriptAccount = new("dbjobs-system", ApiGrants.Resolve(["db", "proxy"], []));

    private readonly FrozenDictionary<string, Entry> _users;

    // Compared against when the user is unknown, so that a wrong name costs as much as a wrong password.
    private readonly byte[] _unknownUserDigest = SHA256.HashData("repman-unknown-user"u8);

    public ApiUserDirectory(ApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var users = new Dictionary<string, Entry>(StringComparer.Ordinal);
        var refused = new List<string>();
        foreach (var credential in options.Users)
        {
            if (credential.User.Length == 0)
                continue;
            if (!credential.HasPassword)
            {
                refused.Add(credential.User);
                continue;
            }
            var allowed = options.Grants.GetValueOrDefault(credential.User) ?? [];
            var discarded = options.DiscardedGrants.GetValueOrDefault(credential.User) ?? [];
            var user = new ApiUser(credential.User, ApiGrants.Resolve(allowed, discarded));
            users[credential.User] = new Entry(user, Digest(credential.Password));
        }
        _users = users.ToFrozenDictionary(StringComparer.Ordinal);
        RefusedUsers = refused;
        UnknownGrantPrefixes = options.Grants.Values.Concat(options.DiscardedGrants.Values)
            .SelectMany(prefixes => prefixes)
            .Where(prefix => !ApiGrants.IsKnownPrefix(prefix))
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>False when no user can log in: the API then does not start.</summary>
    public bool HasUsers => _users.Count > 0;

    public IEnumerable<ApiUser> Users => _users.Values.Select(entry => entry.User);

    /// <summary>Users named in <c>api-credentials</c> without a password; they cannot log in.</summary>
    public IReadOnlyList<string> RefusedUsers { get; }

    /// <summary>Grants in the ACL keys that give nothing (typos); reported at start.</summary>
    public IReadOnlyList<string> UnknownGrantPrefixes { get; }

    /// <summary>The user when the password matches, compared in constant time.</summary>
    public ApiUser? Authenticate(string userName, string password)
    {
        ArgumentNullException.ThrowIfNull(userName);
        ArgumentNullException.ThrowIfNull(password);
        var offered = Digest(password);
        if (_users.TryGetValue(userName, out var entry))
            return CryptographicOperations.FixedTimeEquals(offered, entry.PasswordDigest) ? entry.User : null;
        _ = CryptographicOperations.FixedTimeEquals(offered, _unknownUserDigest);
        return null;
    }

    /// <summary>The user a token names, if the configuration still has it.</summary>
    public ApiUser? Find(string userName) =>
        _users.TryGetValue(userName, out var entry) ? entry.User : null;

    // Digests have one length whatever the password's, so the comparison time says nothing about it.
    private static byte[] Digest(string password) => SHA256.HashData(Encoding.UTF8.GetBytes(password));

    private sealed record Entry(ApiUser User, byte[] PasswordDigest);
}
