using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace ReplicationManager.Core.Jobs.Protocol;

/// <summary>
/// The encrypted envelope of the job protocol (spec 6.1.7.3): <c>{"data":"&lt;base64&gt;"}</c> holding AES-256-CBC
/// ciphertext, the key being SHA-256 of the database password and the IV its MD5, padded with PKCS#7.
/// replication-manager's older script pads the plaintext first with a filler to a multiple of 32; that filler stays
/// after the PKCS#7 padding is removed, and is for the reader of the plaintext to ignore (DECISIONS 13).
/// </summary>
public static class ScriptEnvelope
{
    // Deriving the key and setting up the cipher cost more than decrypting a batch: each thread keeps the cipher of
    // the password it used last (one cluster's password, in practice).
    [ThreadStatic]
    private static CachedCipher? _cipher;

    /// <summary>The envelope of <paramref name="plaintext"/>, as repman's script sends it (clean PKCS#7).</summary>
    public static string Seal(ReadOnlySpan<byte> plaintext, string password)
    {
        var cipher = Cipher(password);
        return "{\"data\":\"" + Convert.ToBase64String(cipher.Aes.EncryptCbc(plaintext, cipher.Iv, PaddingMode.PKCS7)) + "\"}";
    }

    /// <inheritdoc cref="Seal(ReadOnlySpan{byte}, string)"/>
    public static string Seal(string plaintext, string password) => Seal(Encoding.UTF8.GetBytes(plaintext), password);

    /// <summary>The plaintext of an envelope, or null with the reason it cannot be opened with this password.</summary>
    public static byte[]? Open(ReadOnlySpan<byte> body, string password, out string? failure)
    {
        if (!TryReadData(body, out var data, out failure))
            return null;
        if (data.Length == 0 || data.Length % 16 != 0)
        {
            failure = "the ciphertext is not whole AES blocks";
            return null;
        }
        var cipher = Cipher(password);
        try
        {
            return cipher.Decryptor.TransformFinalBlock(data, 0, data.Length);
        }
        catch (CryptographicException)
        {
            // A failed transform may keep state: the next call starts from a fresh one.
            cipher.Dispose();
            _cipher = null;
            failure = "the ciphertext does not decrypt with this server's password";
            return null;
        }
    }

    /// <summary>True when the body is an envelope at all (a JSON object with a string <c>data</c>), whatever it holds.</summary>
    public static bool LooksLikeEnvelope(ReadOnlySpan<byte> body) => TryReadData(body, out _, out _);

    private static CachedCipher Cipher(string password)
    {
        if (_cipher is { } cached && ReferenceEquals(cached.Password, password))
            return cached;
        _cipher?.Dispose();
        return _cipher = new CachedCipher(password);
    }

    private static bool TryReadData(ReadOnlySpan<byte> body, out byte[] data, out string? failure)
    {
        data = [];
        failure = null;
        try
        {
            var reader = new Utf8JsonReader(body);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                failure = "the body is not the envelope {\"data\":\"<base64>\"}";
                return false;
            }
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isData = reader.ValueTextEquals("data"u8);
                reader.Read();
                if (isData && reader.TokenType == JsonTokenType.String)
                    return TryDecode(ref reader, out data, out failure);
                reader.Skip();
            }
            failure = "the envelope has no \"data\" string";
            return false;
        }
        catch (JsonException)
        {
            failure = "the body is not the envelope {\"data\":\"<base64>\"}";
            return false;
        }
    }

    private static bool TryDecode(ref Utf8JsonReader reader, out byte[] data, out string? failure)
    {
        // openssl's -a output wraps lines; the scripts strip the breaks, but an escaped one may remain.
        var text = reader.ValueIsEscaped ? Encoding.UTF8.GetBytes(reader.GetString()!) : reader.ValueSpan.ToArray();
        if (!Base64.IsValid(text, out var length))
        {
            data = [];
            failure = "the envelope's data is not base64";
            return false;
        }
        data = new byte[length];
        if (Base64.DecodeFromUtf8(text, data, out _, out var written) != System.Buffers.OperationStatus.Done)
            written = Convert.TryFromBase64String(Encoding.ASCII.GetString(text), data, out var decoded) ? decoded : 0;
        data = written == data.Length ? data : data[..written];
        failure = null;
        return true;
    }

    private sealed class CachedCipher : IDisposable
    {
        public CachedCipher(string password)
        {
            Password = password;
            var secret = Encoding.UTF8.GetBytes(password);
            Aes = Aes.Create();
            Aes.Key = SHA256.HashData(secret);
            // MD5 is the IV the protocol fixes (spec 6.1.7.3), not a security choice of repman's.
#pragma warning disable CA5351
            Iv = MD5.HashData(secret);
#pragma warning restore CA5351
            Aes.IV = Iv;
            Decryptor = Aes.CreateDecryptor();
        }

        public string Password { get; }

        public Aes Aes { get; }

        public byte[] Iv { get; }

        public ICryptoTransform Decryptor { get; }

        public void Dispose()
        {
            Decryptor.Dispose();
            Aes.Dispose();
        }
    }
}
