using System.Security.Cryptography;
using System.Text;

namespace ReplicationManager.MariaDb.Authentication;

/// <summary>mysql_native_password: SHA1(password) XOR SHA1(nonce + SHA1(SHA1(password))).</summary>
internal static class NativePassword
{
    public const string PluginName = "mysql_native_password";

#pragma warning disable CA5350 // SHA1 is what mysql_native_password is defined with; the server decides the plugin.
    public static byte[] Scramble(string password, ReadOnlySpan<byte> nonce)
    {
        if (password.Length == 0)
            return [];
        Span<byte> passwordHash = stackalloc byte[SHA1.HashSizeInBytes];
        SHA1.HashData(Encoding.UTF8.GetBytes(password), passwordHash);
        Span<byte> doubleHash = stackalloc byte[SHA1.HashSizeInBytes];
        SHA1.HashData(passwordHash, doubleHash);
        var salted = new byte[nonce.Length + doubleHash.Length];
        nonce.CopyTo(salted);
        doubleHash.CopyTo(salted.AsSpan(nonce.Length));
        var result = SHA1.HashData(salted);
        for (var i = 0; i < result.Length; i++)
            result[i] ^= passwordHash[i];
        return result;
    }
#pragma warning restore CA5350
}
