using System.Globalization;

namespace ReplicationManager.Benchmarks.Monitoring;

/// <summary>
/// The benchmark lab (<c>REPMAN_LAB_DIR=/tmp/repman-bench-lab REPMAN_LAB_BASE=100 lab/lab.sh up 30</c>): its hosts
/// from the lab.env that lab.sh writes.
/// </summary>
internal sealed record BenchLab(IReadOnlyList<string> Hosts, int Port, string User, string Password)
{
    public const string DefaultDirectory = "/tmp/repman-bench-lab";

    public static Task<BenchLab?> FindAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var directory = Environment.GetEnvironmentVariable("REPMAN_LAB_DIR") is { Length: > 0 } dir ? dir : DefaultDirectory;
        var env = Path.Combine(directory, "lab.env");
        if (!File.Exists(env))
            return Task.FromResult<BenchLab?>(null);
        var facts = File.ReadAllLines(env).Select(line => line.Split('=', 2)).Where(parts => parts.Length == 2)
            .ToDictionary(parts => parts[0], parts => parts[1], StringComparer.Ordinal);
        return Task.FromResult<BenchLab?>(new BenchLab(
            facts["LAB_HOSTS"].Split(',', StringSplitOptions.RemoveEmptyEntries),
            int.Parse(facts["LAB_PORT"], CultureInfo.InvariantCulture),
            facts["LAB_REPMAN_USER"],
            facts["LAB_REPMAN_PASSWORD"]));
    }
}
