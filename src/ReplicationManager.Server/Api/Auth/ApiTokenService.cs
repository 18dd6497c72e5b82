using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace ReplicationManager.Server.Api.Auth;

/// <summary>
/// Issues and checks the API's JWTs (HS256, RFC 7519). Claims name the user and nothing secret: grants are read from
/// the configuration at each request, so changing a user's grants takes effect without new tokens.
/// </summary>
internal sealed class ApiTokenService(SigningKey key, TimeProvider timeProvider, TimeSpan lifetime)
{
    public const string Issuer = "https://api.replication-manager.signal18.io";

    // Tokens from a peer whose clock runs a little ahead are still accepted.
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(1);

    private static readonly byte[] Header = Encoding.UTF8.GetBytes("""{"alg":"HS256","typ":"JWT"}""");

    public TimeSpan Lifetime => lifetime;

    public ApiToken Issue(ApiUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var now = timeProvider.GetUtcNow();
        var expires = now + lifetime;
        var payload = new MemoryStream();
        using (var json = new Utf8JsonWriter(payload))
        {
            json.WriteStartObject();
            json.WriteString("iss", Issuer);
            json.WriteString("sub", user.Name);
            json.WriteNumber("iat", now.ToUnixTimeSeconds());
            json.WriteNumber("exp", expires.ToUnixTimeSeconds());
            json.WriteString("jti", Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)));
            json.WriteEndObject();
        }
        var signingInput = Base64Url.EncodeToString(Header) + "." + Base64Url.EncodeToString(payload.ToArray());
        var signature = HMACSHA256.HashData(key.Bytes, Encoding.ASCII.GetBytes(signingInput));
        return new ApiToken(signingInput + "." + Base64Url.EncodeToString(signature), expires);
    }

    public TokenValidation Validate(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        var parts = token.Split('.');
        if (parts.Length != 3)
            return TokenValidation.Refused("the token is not a JWT (header.payload.signature)");
        if (!TryDecode(parts[0], out var header) || !TryDecode(parts[1], out var payload) || !TryDecode(parts[2], out var signature))
            return TokenValidation.Refused("the token is not valid base64url");
        if (!IsHs256(header))
            return TokenValidation.Refused("the token is not signed with HS256");
        var expected = HMACSHA256.HashData(key.Bytes, Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]));
        if (!CryptographicOperations.FixedTimeEquals(expected, signature))
            return TokenValidation.Refused("the token's signature does not match: it was not issued by this repman");
        return CheckClaims(payload);
    }

    private TokenValidation CheckClaims(byte[] payload)
    {
        try
        {
            using var document = JsonDocument.Parse(payload);
            var claims = document.RootElement;
            if (claims.ValueKind != JsonValueKind.Object)
                return TokenValidation.Refused("the token's claims are not a JSON object");
            if (!claims.TryGetProperty("iss", out var issuer) || issuer.ValueKind != JsonValueKind.String || issuer.GetString() != Issuer)
                return TokenValidation.Refused("the token has another issuer");
            if (!claims.TryGetProperty("exp", out var exp) || !exp.TryGetInt64(out var expSeconds))
                return TokenValidation.Refused("the token has no expiry");
            if (!claims.TryGetProperty("sub", out var subject) || subject.ValueKind != JsonValueKind.String || subject.GetString() is not { Length: > 0 } user)
                return TokenValidation.Refused("the token names no user");
            var now = timeProvider.GetUtcNow();
            if (now >= DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(expSeconds, 0, 253402300799)) + ClockSkew)
                return TokenValidation.Refused("the token has expired: log in again");
            if (claims.TryGetProperty("iat", out var iat) && iat.TryGetInt64(out var iatSeconds)
                && DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(iatSeconds, 0, 253402300799)) > now + ClockSkew)
                return TokenValidation.Refused("the token was issued in the future");
            return TokenValidation.Valid(user);
        }
        catch (JsonException)
        {
            return TokenValidation.Refused("the token's claims are not valid JSON");
        }
    }

    private static bool IsHs256(byte[] header)
    {
        try
        {
            using var document = JsonDocument.Parse(header);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("alg", out var alg)
                && alg.ValueKind == JsonValueKind.String
                && alg.GetString() == "HS256";
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool TryDecode(string part, out byte[] bytes)
    {
        bytes = [];
        if (part.Length == 0 || !Base64Url.IsValid(part))
            return false;
        bytes = Base64Url.DecodeFromChars(part);
        return true;
    }
}
