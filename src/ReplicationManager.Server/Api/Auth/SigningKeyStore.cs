using System.Security.Cryptography;
using ReplicationManager.Server.Hosting;

namespace ReplicationManager.Server.Api.Auth;

/// <summary>
/// Keeps the token signing key in the data directory (<c>{datadir}/api-jwt-signing.key</c>, mode 0600), so tokens
/// stay valid across a restart. The key is made at the first start.
/// </summary>
internal static class SigningKeyStore
{
    public const string FileName = "api-jwt-signing.key";

    public static SigningKey LoadOrCreate(string datadir, ILogger logger)
    {
        var path = Path.Combine(datadir, FileName);
        if (File.Exists(path))
        {
            if (PrivateFile.Restrict(path))
                ApiLog.KeyFileRestricted(logger, path);
            var bytes = File.ReadAllBytes(path);
            if (bytes.Length >= SigningKey.Length)
                return new SigningKey(bytes);
            ApiLog.SigningKeyReplaced(logger, path, bytes.Length);
        }
        var key = RandomNumberGenerator.GetBytes(SigningKey.Length);
        PrivateFile.Write(path, key);
        ApiLog.SigningKeyCreated(logger, path);
        return new SigningKey(key);
    }
}
