using System.Security.Cryptography;

namespace ReplicationManager.Core.Jobs.Ssh;

/// <summary>
/// Which SSH host keys repman trusts, in OpenSSH's known_hosts format (<c>host keytype base64</c>, or
/// <c>[host]:port ...</c> off port 22). With <c>onpremise-ssh-known-hosts</c> the operator's file decides: a host it
/// does not list, or lists with another key, is refused. Without it, a host's key is pinned the first time repman
/// reaches it, in <c>{datadir}/ssh_known_hosts</c>, and a key that differs later is refused. Hashed host names
/// (<c>|1|salt|hash</c>, as <c>ssh-keygen -H</c> and <c>HashKnownHosts yes</c> write them) are matched; a key under
/// <c>@revoked</c> is refused for the hosts it names (or every host, <c>*</c>); <c>@cert-authority</c> lines and
/// wildcard patterns are not read.
/// </summary>
internal sealed class HostKeyPins(string pinFile, string operatorFile)
{
    private readonly object _gate = new();

    public string PinFile => pinFile;

    /// <summary>Whether the host's key is trusted; why not when it is not; and whether it was pinned just now.</summary>
    public HostKeyVerdict Check(string host, int port, string keyType, byte[] key)
    {
        var name = port == 22 ? host : $"[{host}]:{port}";
        var offered = Convert.ToBase64String(key);
        var fingerprint = Fingerprint(key);
        lock (_gate)
        {
            var file = operatorFile.Length > 0 ? operatorFile : pinFile;
            var entries = Entries(file).ToList();
            if (entries.Any(entry => entry.Revoked && entry.Type == keyType && entry.Key == offered && (entry.Hosts == "*" || Matches(entry.Hosts, name))))
                return HostKeyVerdict.Refused($"the SSH host key of {name} ({keyType} {fingerprint}) is revoked in {file}");
            var known = entries.Where(entry => !entry.Revoked && Matches(entry.Hosts, name)).ToList();
            if (known.Any(entry => entry.Type == keyType && entry.Key == offered))
                return HostKeyVerdict.Trusted(fingerprint);
            if (known.Count > 0)
                return HostKeyVerdict.Refused($"the SSH host key of {name} ({keyType} {fingerprint}) is not the one {file} holds: " +
                    (operatorFile.Length > 0 ? "correct that file if the change is expected" : "remove its line from that file if the change is expected"));
            if (operatorFile.Length > 0)
                return HostKeyVerdict.Refused($"the SSH host key of {name} ({keyType} {fingerprint}) is unknown: {operatorFile} (onpremise-ssh-known-hosts) does not list that host");
            Directory.CreateDirectory(Path.GetDirectoryName(pinFile)!);
            File.AppendAllText(pinFile, $"{name} {keyType} {offered}\n");
            return HostKeyVerdict.Pinned(fingerprint);
        }
    }

    public static string Fingerprint(byte[] key) => "SHA256:" + Convert.ToBase64String(SHA256.HashData(key)).TrimEnd('=');

    /// <summary>Whether the host field of a line names <paramref name="name"/>: a list of names, or one hashed name.</summary>
    internal static bool Matches(string hosts, string name)
    {
        if (!hosts.StartsWith("|1|", StringComparison.Ordinal))
            return hosts.Split(',').Contains(name, StringComparer.Ordinal);
        var parts = hosts.Split('|');
        try
        {
#pragma warning disable CA5350 // HMAC-SHA1 is what OpenSSH's hashed known_hosts format is defined with.
            return parts.Length == 4
                && CryptographicOperations.FixedTimeEquals(HMACSHA1.HashData(Convert.FromBase64String(parts[2]), System.Text.Encoding.UTF8.GetBytes(name)), Convert.FromBase64String(parts[3]));
#pragma warning restore CA5350
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static IEnumerable<(string Hosts, string Type, string Key, bool Revoked)> Entries(string file)
    {
        if (!File.Exists(file))
            yield break;
        foreach (var line in File.ReadLines(file))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 0 || fields[0].StartsWith('#'))
                continue;
            var marker = fields[0].StartsWith('@') ? fields[0] : null;
            if (marker is not null)
                fields = fields[1..];
            if (fields.Length < 3 || marker is not (null or "@revoked"))
                continue;
            yield return (fields[0], fields[1], fields[2], marker is not null);
        }
    }
}

/// <summary>What <see cref="HostKeyPins.Check"/> found.</summary>
internal sealed record HostKeyVerdict(bool IsTrusted, bool WasPinned, string Fingerprint, string? RefusedBecause)
{
    public static HostKeyVerdict Trusted(string fingerprint) => new(true, false, fingerprint, null);

    public static HostKeyVerdict Pinned(string fingerprint) => new(true, true, fingerprint, null);

    public static HostKeyVerdict Refused(string reason) => new(false, false, "", reason);
}
