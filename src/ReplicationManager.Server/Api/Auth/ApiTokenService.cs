using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using ReplicationManager.Core.Topology;

namespace ReplicationManager.Server.Api.Auth;

/// <summary>
/// Issues and checks the API's JWTs (HS256, RFC 7519) with Microsoft's JsonWebTokens library. Claims name the user and
/// nothing secret: grants are read from the configuration at each request, so changing a user's grants takes effect
/// without new tokens. A job script's token also names the cluster and server it may act for.
/// </summary>
internal sealed class ApiTokenService
{
    public const string Issuer = "https://api.replication-manager.signal18.io";
    public const string ClusterClaim = "cluster";
    public const string ServerClaim = "server";

    /// <summary>A job script's token lives for a run of the script, not a working day (job-protocol.md).</summary>
    public static readonly TimeSpan ScriptLifetime = TimeSpan.FromMinutes(15);

    // Tokens from a peer whose clock runs a little ahead are still accepted.
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(1);

    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly SigningCredentials _signing;
    private readonly TokenValidationParameters _validation;
    private readonly TimeProvider _time;

    public ApiTokenService(SigningKey key, TimeProvider timeProvider, TimeSpan lifetime)
    {
        ArgumentNullException.ThrowIfNull(key);
        _time = timeProvider;
        Lifetime = lifetime;
        var securityKey = new SymmetricSecurityKey(key.Bytes);
        _signing = new SigningCredentials(securityKey, SecurityAlgorithms.HmacSha256);
        _validation = new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidateAudience = false,
            // The library reads the system clock; the lifetime is checked below against repman's TimeProvider.
            ValidateLifetime = false,
            RequireSignedTokens = true,
            IssuerSigningKey = securityKey,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        };
    }

    public TimeSpan Lifetime { get; }

    public ApiToken Issue(ApiUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Issue(user.Name, Lifetime, []);
    }

    /// <summary>A token for the job script of one server, valid only on that server's routes of that cluster.</summary>
    public ApiToken IssueForScript(string cluster, ServerAddress server) =>
        Issue(ApiUserDirectory.ScriptAccount.Name, ScriptLifetime, new Dictionary<string, object>
        {
            [ClusterClaim] = cluster,
            [ServerClaim] = server.ToString(),
        });

    public async Task<TokenValidation> ValidateAsync(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        var result = await _handler.ValidateTokenAsync(token, _validation);
        if (!result.IsValid)
            return TokenValidation.Refused(Describe(result.Exception, token));
        if (LifetimeRefusal((JsonWebToken)result.SecurityToken) is { } refused)
            return TokenValidation.Refused(refused);
        if (!result.Claims.TryGetValue("sub", out var subject) || subject is not string { Length: > 0 } user)
            return TokenValidation.Refused("the token names no user");
        var cluster = result.Claims.TryGetValue(ClusterClaim, out var clusterClaim) ? clusterClaim as string : null;
        var server = result.Claims.TryGetValue(ServerClaim, out var serverClaim) ? serverClaim as string : null;
        return cluster is null && server is null
            ? TokenValidation.Valid(user)
            : TokenValidation.Scoped(user, new TokenScope(cluster ?? "", server ?? ""));
    }

    private string? LifetimeRefusal(JsonWebToken token)
    {
        if (!token.TryGetPayloadValue<long>("exp", out _))
            return "the token has no expiry";
        var now = _time.GetUtcNow().UtcDateTime;
        if (now >= token.ValidTo + ClockSkew)
            return "the token has expired: log in again";
        if ((token.TryGetPayloadValue<long>("iat", out _) ? token.IssuedAt : token.ValidFrom) > now + ClockSkew)
            return "the token was issued in the future";
        return null;
    }

    private ApiToken Issue(string user, TimeSpan lifetime, Dictionary<string, object> claims)
    {
        var now = _time.GetUtcNow();
        var expires = now + lifetime;
        claims["sub"] = user;
        claims["jti"] = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Claims = claims,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = _signing,
        });
        return new ApiToken(token, expires);
    }

    /// <summary>The library's refusal in an operator's words (its own messages name internal codes).</summary>
    private string Describe(Exception? refusal, string token) => refusal switch
    {
        SecurityTokenInvalidSignatureException or SecurityTokenSignatureKeyNotFoundException when _handler.CanReadToken(token)
            && _handler.ReadJsonWebToken(token).Alg != SecurityAlgorithms.HmacSha256 => "the token is not signed with HS256",
        SecurityTokenMalformedException when token.Split('.').Length != 3 => "the token is not a JWT (header.payload.signature)",
        SecurityTokenMalformedException or ArgumentException => "the token is not valid base64url JSON",
        SecurityTokenInvalidAlgorithmException => "the token is not signed with HS256",
        SecurityTokenInvalidIssuerException => "the token has another issuer",
        SecurityTokenInvalidSignatureException or SecurityTokenSignatureKeyNotFoundException => "the token's signature does not match: it was not issued by this repman",
        _ => "the token is not valid",
    };
}
