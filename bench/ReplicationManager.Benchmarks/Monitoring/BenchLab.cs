using System.Globalization;
using System.Net.Sockets;

namespace ReplicationManager.Benchmarks.Monitoring;

/// <summary>
/// The benchmark lab (<c>REPMAN_LAB_DIR=/tmp/repman-bench-lab REPMAN_LAB_BASE=100 lab/lab.sh up 30</c>): its hosts
/// from lab.env, or, when lab.sh could not finish writing it, the hosts at the lab's addresses that accept connections.
/// </summary>
internal sealed record BenchLab(IReadOnlyList<string> Hosts, int Port, string User, string Password)
{
    public const string DefaultDirectory = "/tmp/repman-bench-lab";

    public static async Task<BenchLab?> FindAsync(CancellationToken cancellationToken)
    {
        var directory = Environment.GetEnvironmentVariable("REPMAN_LAB_DIR") is { Length: > 0 } dir ? dir : DefaultDirectory;
        var env = Path.Combine(directory, "lab.env");
        if (File.Exists(env))
        {
            var facts = File.ReadAllLines(env).Select(line => line.Split('=', 2)).Where(parts => parts.Length == 2)
                .ToDictionary(parts => parts[0], parts => parts[1], StringComparer.Ordinal);
            return new BenchLab(facts["LAB_HOSTS"].Split(',', StringSplitOptions.RemoveEmptyEntries), int.Parse(facts["LAB_PORT"], CultureInfo.InvariantCulture),
                facts["LAB_REPMAN_USER"], facts["LAB_REPMAN_PASSWORD"]);
        }
        if (!Directory.Exists(Path.Combine(directory, "hosts")))
            return null;
        // lab.sh writes lab.env last; its sshd step fails beyond 16 addresses, after the databases are up.
        var @base = int.Parse(Environment.GetEnvironmentVariable("REPMAN_LAB_BASE") is { Length: > 0 } b ? b : "100", CultureInfo.InvariantCulture);
        var hosts = new List<string>();
        foreach (var index in Directory.GetDirectories(Path.Combine(directory, "hosts")).Select(d => int.Parse(Path.GetFileName(d)[2..], CultureInfo.InvariantCulture)).Order())
        {
            var address = $"127.0.0.{@base + index}";
            if (await AcceptsAsync(address, 3306, cancellationToken))
                hosts.Add(address);
        }
        return new BenchLab(hosts, 3306, "repman", "repman-lab-Pa55");
    }

    private static async Task<bool> AcceptsAsync(string host, int port, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(host, port, cancellationToken);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
