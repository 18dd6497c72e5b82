using System.Security.Cryptography;

namespace ReplicationManager.Core.Jobs.Ssh;

/// <summary>
/// Which SSH host keys repman trusts, in OpenSSH's known_hosts format (<c>host keytype base64</c>, or
/// <c>[host]:port ...</c> off port 22). With <c>onpremise-ssh-known-hosts</c> the operator's file decides: a host it
/// does not list, or lists with another key, is refused. Without it, a host's key is pinned the first time repman
/// reaches it, in <c>{datadir}/ssh_known_hosts</c>, and a key that differs later is refused. Hashed entries
/// (<c>|1|...</c>) are not read.
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
            var known = Entries(file).Where(entry => entry.Host == name).ToList();
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

    private static IEnumerable<(string Host, string Type, string Key)> Entries(string file)
    {
        if (!File.Exists(file))
            yield break;
        foreach (var line in File.ReadLines(file))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 3 || fields[0].StartsWith('#') || fields[0].StartsWith('|'))
                continue;
            foreach (var host in fields[0].Split(','))
                yield return (host, fields[1], fields[2]);
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
