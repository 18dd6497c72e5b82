using System.Globalization;
using ReplicationManager.Core.Scheduling;
using ReplicationManager.Core.Topology;
using ReplicationManager.Toml;

namespace ReplicationManager.Core.Options;

/// <summary>
/// The value parsers of the key catalog. replication-manager's own files quote numbers
/// (<c>http-port = "10001"</c>) and write lists as comma-separated strings, so both forms are read.
/// </summary>
internal static class ConfigValues
{
    public static bool Bool(TomlValue value, out bool parsed, out string? error)
    {
        parsed = false;
        error = null;
        switch (value)
        {
            case TomlBoolean boolean:
                parsed = boolean.Value;
                return true;
            case TomlString text when bool.TryParse(text.Value.Trim(), out parsed):
                return true;
            default:
                error = $"expected true or false, got {Describe(value)}";
                return false;
        }
    }

    public static ConfigValueParser<long> Integer(long min, long max) =>
        (TomlValue value, out long parsed, out string? error) =>
        {
            parsed = 0;
            switch (value)
            {
                case TomlInteger integer:
                    parsed = integer.Value;
                    break;
                case TomlString text when long.TryParse(text.Value.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number):
                    parsed = number;
                    break;
                default:
                    error = $"expected a whole number, got {Describe(value)}";
                    return false;
            }
            error = parsed < min || parsed > max ? $"{parsed} is out of range {min}-{max}" : null;
            return error is null;
        };

    public static ConfigValueParser<int> Int(int min, int max)
    {
        var parse = Integer(min, max);
        return (TomlValue value, out int parsed, out string? error) =>
        {
            var ok = parse(value, out var number, out error);
            parsed = (int)number;
            return ok;
        };
    }

    public static ConfigValueParser<TimeSpan> Duration(TimeSpan unit, long min, long max)
    {
        var parse = Integer(min, max);
        return (TomlValue value, out TimeSpan parsed, out string? error) =>
        {
            // The number is only in range when the parse succeeded; out of range it may overflow a TimeSpan.
            var ok = parse(value, out var number, out error);
            parsed = ok ? unit * number : TimeSpan.Zero;
            return ok;
        };
    }

    public static bool String(TomlValue value, out string parsed, out string? error)
    {
        parsed = "";
        switch (value)
        {
            case TomlString text:
                parsed = text.Value;
                error = null;
                return true;
            // Go's viper reads a bare number where a string is expected; so do we.
            case TomlInteger integer:
                parsed = integer.Value.ToString(CultureInfo.InvariantCulture);
                error = null;
                return true;
            default:
                error = $"expected a string, got {Describe(value)}";
                return false;
        }
    }

    public static ConfigValueParser<string> OneOf(IReadOnlyList<string> allowed) =>
        (TomlValue value, out string parsed, out string? error) =>
        {
            if (!String(value, out parsed, out error))
                return false;
            var given = parsed.Trim();
            var match = allowed.FirstOrDefault(option => string.Equals(option, given, StringComparison.OrdinalIgnoreCase));
            if (match is null)
            {
                error = $"'{given}' is not one of: {string.Join(", ", allowed)}";
                return false;
            }
            parsed = match;
            return true;
        };

    public static bool Cron(TomlValue value, out CronExpression parsed, out string? error)
    {
        parsed = null!;
        if (!String(value, out var text, out error))
            return false;
        if (CronExpression.TryParse(text, out var cron, out var reason))
        {
            parsed = cron;
            return true;
        }
        error = $"bad cron expression \"{text}\": {reason}";
        return false;
    }

    public static bool Hosts(TomlValue value, out IReadOnlyList<ServerAddress> parsed, out string? error)
    {
        parsed = [];
        if (!Words(value, out var words, out error))
            return false;
        var hosts = new List<ServerAddress>();
        foreach (var word in words)
        {
            if (!ServerAddress.TryParse(word, out var address, out var reason))
            {
                error = reason;
                return false;
            }
            if (hosts.Contains(address))
            {
                error = $"{address} is listed twice";
                return false;
            }
            hosts.Add(address);
        }
        parsed = hosts;
        return true;
    }

    public static bool OptionalHost(TomlValue value, out ServerAddress? parsed, out string? error)
    {
        parsed = null;
        if (!String(value, out var text, out error))
            return false;
        if (text.Trim().Length == 0)
            return true;
        if (ServerAddress.TryParse(text, out var address, out error))
        {
            parsed = address;
            return true;
        }
        return false;
    }

    public static bool Credential(TomlValue value, out Credential? parsed, out string? error)
    {
        parsed = null;
        if (!String(value, out var text, out error))
            return false;
        if (text.Length == 0)
            return true;
        var credential = Options.Credential.Parse(text);
        if (credential.User.Length == 0)
        {
            error = "expected user:password, but the user is empty";
            return false;
        }
        parsed = credential;
        return true;
    }

    public static bool Ports(TomlValue value, out IReadOnlyList<int> parsed, out string? error)
    {
        parsed = [];
        if (!Words(value, out var words, out error))
            return false;
        var ports = new List<int>();
        foreach (var word in words)
        {
            if (!int.TryParse(word, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
            {
                error = $"'{word}' is not a port (1-65535)";
                return false;
            }
            if (ports.Contains(port))
            {
                error = $"port {port} is listed twice";
                return false;
            }
            ports.Add(port);
        }
        parsed = ports;
        return true;
    }

    /// <summary>A list written either as a comma-separated string or as a TOML array of strings or numbers.</summary>
    public static bool Words(TomlValue value, out IReadOnlyList<string> parsed, out string? error)
    {
        parsed = [];
        error = null;
        switch (value)
        {
            case TomlString text:
                parsed = text.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                return true;
            case TomlInteger integer:
                parsed = [integer.Value.ToString(CultureInfo.InvariantCulture)];
                return true;
            case TomlArray array:
                var words = new List<string>();
                foreach (var item in array)
                {
                    if (!String(item, out var word, out _))
                    {
                        error = $"expected a list of strings, but it holds {Describe(item)}";
                        return false;
                    }
                    words.Add(word.Trim());
                }
                parsed = words;
                return true;
            default:
                error = $"expected a comma-separated string, got {Describe(value)}";
                return false;
        }
    }

    /// <summary>What was written, for an error: the value itself for numbers and booleans, else its TOML type.</summary>
    public static string Describe(TomlValue value) => value switch
    {
        TomlInteger integer => $"the integer {integer.Value}",
        TomlBoolean boolean => $"the boolean {(boolean.Value ? "true" : "false")}",
        _ => TomlTypeName.Of(value),
    };
}
