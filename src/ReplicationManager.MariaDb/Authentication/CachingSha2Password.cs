using System.Security.Cryptography;
using System.Text;

namespace ReplicationManager.MariaDb.Authentication;

/// <summary>
/// caching_sha2_password (MySQL 8): a SHA-256 scramble for the fast path; for a full authentication the password
/// itself, in clear over TLS or RSA-encrypted with the server's public key otherwise.
/// </summary>
internal static class CachingSha2Password
{
    public const string PluginName = "caching_sha2_password";

    /// <summary>More-data payloads of this plugin.</summary>
    public const byte RequestPublicKey = 0x02;
    public const byte FastAuthSucceeded = 0x03;
    public const byte FullAuthRequired = 0x04;

    public static byte[] Scramble(string password, ReadOnlySpan<byte> nonce)
    {
        if (password.Length == 0)
            return [];
        var passwordHash = SHA256.HashData(Encoding.UTF8.GetBytes(password));
        var doubleHash = SHA256.HashData(passwordHash);
        var salted = SHA256.HashData([.. doubleHash, .. nonce]);
        for (var i = 0; i < passwordHash.Length; i++)
            passwordHash[i] ^= salted[i];
        return passwordHash;
    }

    /// <summary>The NUL-terminated password XOR the nonce, encrypted with RSA-OAEP under the server's PEM public key.</summary>
    public static byte[] Encrypt(string password, ReadOnlySpan<byte> nonce, string publicKeyPem)
    {
        var plain = NullTerminated(password);
        for (var i = 0; i < plain.Length; i++)
            plain[i] ^= nonce[i % nonce.Length];
        using var rsa = RSA.Create();
        rsa.ImportFromPem(publicKeyPem);
        return rsa.Encrypt(plain, RSAEncryptionPadding.OaepSHA1);
    }

    public static byte[] NullTerminated(string password) => [.. Encoding.UTF8.GetBytes(password), 0];
}
