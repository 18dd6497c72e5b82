using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace ReplicationManager.Core.Jobs.Protocol;

/// <summary>
/// Checks the plaintext of a secret-login (job-protocol.md, DECISIONS 16). Three forms prove the server's password:
/// repman's <c>{"server","ts","nonce"}</c>, refused when stale (more than <see cref="MaxClockSkew"/> off) or replayed;
/// replication-manager 3.1's <c>{"server","secret"}</c>; and the spec's plaintext password. Only the first protects
/// against replay. That the envelope decrypted with the password is part of the proof; the caller checked it.
/// </summary>
public static class ScriptLogin
{
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromSeconds(120);

    public static ScriptLoginVerdict Verify(ReadOnlyMemory<byte> plaintext, string password, string server, DateTimeOffset now, NonceCache nonces)
    {
        ArgumentNullException.ThrowIfNull(password);
        ArgumentNullException.ThrowIfNull(nonces);
        using var json = LenientJson.ReadObject(plaintext);
        if (json is null)
            return Matches(TrimFiller(plaintext.Span), password)
                ? ScriptLoginVerdict.Accept(ScriptLoginForm.Password)
                : ScriptLoginVerdict.Refuse("the plaintext is neither a login object nor the server's password");
        var login = json.RootElement;
        if (String(login, "server") != server)
            return ScriptLoginVerdict.Refuse($"the login is for server '{String(login, "server")}', not {server}");
        if (login.TryGetProperty("secret", out _))
            return Matches(Encoding.UTF8.GetBytes(String(login, "secret") ?? ""), password)
                ? ScriptLoginVerdict.Accept(ScriptLoginForm.ServerAndSecret)
                : ScriptLoginVerdict.Refuse("the secret is not the server's password");
        if (!login.TryGetProperty("ts", out var ts) || ts.ValueKind != JsonValueKind.Number || !ts.TryGetInt64(out var seconds))
            return ScriptLoginVerdict.Refuse("the login has neither \"secret\" nor a numeric \"ts\"");
        var age = now - DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(seconds, 0, 253402300799));
        if (age.Duration() > MaxClockSkew)
            return ScriptLoginVerdict.Refuse($"the login's timestamp is {age.TotalSeconds:0}s off repman's clock (at most {MaxClockSkew.TotalSeconds:0}s)");
        if (String(login, "nonce") is not { Length: 32 } nonce || !nonce.All(Uri.IsHexDigit))
            return ScriptLoginVerdict.Refuse("the login's nonce is not 32 hex digits");
        if (!nonces.TryUse(nonce.ToLowerInvariant()))
            return ScriptLoginVerdict.Refuse("the login's nonce was used already (a replay)");
        return ScriptLoginVerdict.Accept(ScriptLoginForm.ReplayProtected);
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>The plaintext without the older script's 0x01 filler and the newline echo may leave.</summary>
    private static ReadOnlySpan<byte> TrimFiller(ReadOnlySpan<byte> plaintext)
    {
        var end = plaintext.Length;
        while (end > 0 && plaintext[end - 1] == 0x01)
            end--;
        if (end > 0 && plaintext[end - 1] == (byte)'\n')
            end--;
        return plaintext[..end];
    }

    private static bool Matches(ReadOnlySpan<byte> offered, string password) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(offered), SHA256.HashData(Encoding.UTF8.GetBytes(password)));
}
