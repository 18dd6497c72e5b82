using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json.Serialization;

namespace ReplicationManager.Core.Topology;

/// <summary>A database server as the configuration names it: host and port.</summary>
public sealed record ServerAddress(string Host, int Port)
{
    public const int DefaultPort = 3306;

    /// <summary>The <c>{host}_{port}</c> form used for per-server folders.</summary>
    [JsonIgnore]
    public string FolderName => $"{Host}_{Port.ToString(CultureInfo.InvariantCulture)}";

    public override string ToString() =>
        Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]:{Port}" : $"{Host}:{Port}";

    /// <summary>Parses <c>host</c>, <c>host:port</c> or <c>[ipv6]:port</c>.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out ServerAddress? address, [NotNullWhen(false)] out string? error)
    {
        address = null;
        text = text.Trim();
        string host;
        string? port = null;
        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                error = $"'{text}' opens '[' without closing it";
                return false;
            }
            host = text[1..close];
            var rest = text[(close + 1)..];
            if (rest.Length > 0)
            {
                if (rest[0] != ':')
                {
                    error = $"'{text}' has text after ']' that is not ':port'";
                    return false;
                }
                port = rest[1..];
            }
        }
        else
        {
            var colon = text.LastIndexOf(':');
            if (colon >= 0 && text.IndexOf(':', StringComparison.Ordinal) != colon)
            {
                error = $"'{text}' looks like an IPv6 address: write it as [address]:port";
                return false;
            }
            host = colon >= 0 ? text[..colon] : text;
            port = colon >= 0 ? text[(colon + 1)..] : null;
        }
        if (host.Length == 0)
        {
            error = $"'{text}' has no host";
            return false;
        }
        if (host.Any(c => char.IsWhiteSpace(c) || c is '/' or '\\' or ',' or '\'' or '"'))
        {
            error = $"'{host}' is not a valid host name";
            return false;
        }
        var portNumber = DefaultPort;
        if (port is not null && (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out portNumber) || portNumber is < 1 or > 65535))
        {
            error = $"'{port}' in '{text}' is not a port (1-65535)";
            return false;
        }
        address = new ServerAddress(host, portNumber);
        error = null;
        return true;
    }

    public static ServerAddress Parse(string text) =>
        TryParse(text, out var address, out var error) ? address : throw new FormatException(error);
}
