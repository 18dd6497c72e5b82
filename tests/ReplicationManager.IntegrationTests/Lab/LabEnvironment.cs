using System.Diagnostics;

namespace ReplicationManager.IntegrationTests.Lab;

/// <summary>
/// The facts of the running lab, read from the <c>lab.env</c> file that <c>lab/lab.sh up</c> writes.
/// Without a lab a test is skipped on a developer machine and fails on CI (<c>CI=true</c>).
/// </summary>
public sealed class LabEnvironment
{
    private static readonly Lazy<LabEnvironment?> Loaded = new(Load);

    private readonly IReadOnlyDictionary<string, string> _facts;

    private LabEnvironment(IReadOnlyDictionary<string, string> facts)
    {
        _facts = facts;
        Hosts = HostsOf(facts, "LAB_HOSTS");
        FreshHosts = HostsOf(facts, "LAB_FRESH_HOSTS");
    }

    public static string LabDirectory =>
        Environment.GetEnvironmentVariable("REPMAN_LAB_DIR") is { Length: > 0 } dir ? dir : "/tmp/repman-lab";

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public IReadOnlyList<LabHost> Hosts { get; }

    /// <summary>Standalone hosts made by <c>lab.sh fresh</c>, outside the replication topology.</summary>
    public IReadOnlyList<LabHost> FreshHosts { get; }

    public LabHost Primary => Hosts[0];

    public IReadOnlyList<LabHost> Replicas => Hosts.Skip(1).ToList();

    public string RepmanUser => _facts["LAB_REPMAN_USER"];

    public string RepmanPassword => _facts["LAB_REPMAN_PASSWORD"];

    public string ReplicationUser => _facts["LAB_REPL_USER"];

    public string ReplicationPassword => _facts["LAB_REPL_PASSWORD"];

    public string TlsCaPath => _facts["LAB_TLS_CA"];

    public string SshUser => _facts["LAB_SSH_USER"];

    public string SshKeyPath => _facts["LAB_SSH_KEY"];

    public string SshKnownHostsPath => _facts["LAB_SSH_KNOWN_HOSTS"];

    public string LabScript => _facts["LAB_SCRIPT"];

    public string Fact(string key) => _facts[key];

    /// <summary>The lab, or a skip (a failure on CI) that says how to start one.</summary>
    public static LabEnvironment Require()
    {
        var lab = Loaded.Value;
        if (lab is not null)
            return lab;
        var reason = $"no lab is up ({Path.Combine(LabDirectory, "lab.env")} is missing); start one with: lab/lab.sh up";
        if (IsCi)
            throw new InvalidOperationException("CI=true and " + reason);
        Assert.Skip(reason);
        return null!;
    }

    /// <summary>Runs lab/lab.sh with the given arguments (kill HOST, start HOST, fresh HOST, ...).</summary>
    public Task<string> RunLabAsync(CancellationToken cancellationToken, params string[] args) =>
        // The script acts on this lab, whichever lab the test process was started for.
        RunScriptAsync(LabScript, new Dictionary<string, string> { ["REPMAN_LAB_DIR"] = _facts["LAB_DIR"], ["REPMAN_LAB_BASE"] = _facts["LAB_BASE"] }, cancellationToken, args);

    /// <summary>Runs a lab script with <paramref name="environment"/> added; its output, or an exception with its messages.</summary>
    public static async Task<string> RunScriptAsync(string script, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken, params string[] args)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (name, value) in environment)
            start.Environment[name] = value;
        start.ArgumentList.Add(script);
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start lab.sh");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"lab.sh {string.Join(' ', args)} ({string.Join(' ', environment.Select(e => $"{e.Key}={e.Value}"))}) exited {process.ExitCode}: {await stderr}{await stdout}");
        return await stdout;
    }

    /// <summary>Re-reads lab.env, for tests that add hosts with <c>lab.sh fresh</c>.</summary>
    public static LabEnvironment Reload() =>
        Load() ?? throw new InvalidOperationException("lab.env disappeared");

    /// <summary>The lab whose <c>lab.env</c> is in <paramref name="directory"/> (a second lab, such as the failover lab), or null.</summary>
    public static LabEnvironment? LoadFrom(string directory) => Load(directory);

    private static LabEnvironment? Load() => Load(LabDirectory);

    private static LabEnvironment? Load(string directory)
    {
        var path = Path.Combine(directory, "lab.env");
        if (!File.Exists(path))
            return null;
        var facts = File.ReadAllLines(path)
            .Select(line => line.Split('=', 2))
            .Where(parts => parts.Length == 2)
            .ToDictionary(parts => parts[0], parts => parts[1]);
        return new LabEnvironment(facts);
    }

    private static List<LabHost> HostsOf(IReadOnlyDictionary<string, string> facts, string key)
    {
        var addresses = facts.GetValueOrDefault(key, "").Split(',', StringSplitOptions.RemoveEmptyEntries);
        return addresses.Select(address => HostAt(facts, address)).ToList();
    }

    private static LabHost HostAt(IReadOnlyDictionary<string, string> facts, string address)
    {
        var serverId = int.Parse(address.Split('.')[3]);
        var index = serverId - int.Parse(facts.GetValueOrDefault("LAB_BASE", "10"));
        string Of(string name) => facts[$"LAB_DB{index}_{name}"];
        return new LabHost(
            index,
            address,
            int.Parse(facts["LAB_PORT"]),
            int.Parse(facts["LAB_EXTRA_PORT"]),
            serverId,
            Of("DATADIR"),
            Of("SOCKET"),
            Of("ERROR_LOG"),
            Of("SLOW_LOG"));
    }
}
