using System.Diagnostics;
using ReplicationManager.IntegrationTests.Lab;
using ReplicationManager.MariaDb;

namespace ReplicationManager.IntegrationTests.Failover;

/// <summary>
/// A lab of its own for tests that change the primary: three semi-synchronous hosts on 127.0.0.41-43 and their
/// HAProxy on 127.0.0.40, made fresh for each test (about 3 s) and destroyed after it, so that the shared lab keeps
/// its topology. Its processes are the lab script's, stopped by their recorded PIDs.
/// </summary>
internal sealed class FailoverLab : IAsyncDisposable
{
    public const string Directory = "/tmp/repman-failover-lab";
    public const string Base = "40";
    public const string Cluster = "failover";

    private static readonly Dictionary<string, string> Environment = new()
    {
        ["REPMAN_LAB_DIR"] = Directory,
        ["REPMAN_LAB_BASE"] = Base,
        ["REPMAN_LAB_SEMISYNC"] = "1",
    };

    private FailoverLab(LabEnvironment lab) => Lab = lab;

    public LabEnvironment Lab { get; }

    /// <summary>repman's SSH settings for the lab's sshd (its key and known hosts, made by lab.sh up).</summary>
    public static string SshSettings => $"""
        onpremise-ssh = true
        onpremise-ssh-credential = "root"
        onpremise-ssh-private-key = "{Directory}/ssh/id_ed25519"
        onpremise-ssh-known-hosts = "{Directory}/ssh/known_hosts"
        """;

    public string HaproxyAddress => Lab.Fact("LAB_HAPROXY_ADDRESS");

    public int HaproxyWritePort => int.Parse(Lab.Fact("LAB_HAPROXY_WRITE_PORT"), System.Globalization.CultureInfo.InvariantCulture);

    public static async Task<FailoverLab> StartAsync(CancellationToken cancellationToken)
    {
        var script = LabEnvironment.Require().LabScript;
        await RunAsync(script, cancellationToken, "destroy");
        await RunAsync(script, cancellationToken, "up", "3");
        return new FailoverLab(LabEnvironment.LoadFrom(Directory) ?? throw new InvalidOperationException($"{Directory}/lab.env is missing after lab.sh up"));
    }

    /// <summary>The cluster section for repman: the three hosts, HAProxy, a 1 s ticker, plus <paramref name="extra"/> lines.</summary>
    public string ClusterSection(string extra = "") => $"""
        [{Cluster}]
        db-servers-hosts = "{string.Join(',', Lab.Hosts.Select(h => $"{h.Address}:{h.Port}"))}"
        db-servers-credential = "{Lab.RepmanUser}:{Lab.RepmanPassword}"
        replication-credential = "{Lab.ReplicationUser}:{Lab.ReplicationPassword}"
        db-servers-connect-timeout = 1
        monitoring-ticker = 1
        failover-falsepositive-ping-counter = 2
        haproxy = true
        haproxy-servers = "{HaproxyAddress}"
        {extra}
        """;

    /// <summary>A session on a host through its main port.</summary>
    public Task<MariaDbConnection> ConnectAsync(LabHost host, CancellationToken cancellationToken, int? port = null) =>
        MariaDbConnection.OpenAsync(Options(host.Address, port ?? host.Port), cancellationToken);

    /// <summary>Connection options through HAProxy's write port.</summary>
    public MariaDbConnectOptions WriteOptions() => Options(HaproxyAddress, HaproxyWritePort);

    /// <summary>The PID of a host's mariadbd, as the lab recorded it.</summary>
    public static int ServerPid(LabHost host) =>
        int.Parse(File.ReadAllText(Path.Combine(Path.GetDirectoryName(host.DataDir)!, "mariadbd.pid")).Trim(), System.Globalization.CultureInfo.InvariantCulture);

    public Task<string> RunLabAsync(CancellationToken cancellationToken, params string[] args) => Lab.RunLabAsync(cancellationToken, args);

    public async ValueTask DisposeAsync()
    {
        // A host a test stopped with SIGSTOP would not end on the lab's SIGTERM.
        foreach (var host in Lab.Hosts)
        {
            if (!File.Exists(Path.Combine(Path.GetDirectoryName(host.DataDir)!, "mariadbd.pid")))
                continue;
            using var resume = Process.Start("kill", ["-CONT", ServerPid(host).ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await resume.WaitForExitAsync();
        }
        await RunAsync(Lab.LabScript, CancellationToken.None, "destroy");
    }

    private MariaDbConnectOptions Options(string host, int port) => new()
    {
        Host = host,
        Port = port,
        User = Lab.RepmanUser,
        Password = Lab.RepmanPassword,
        ConnectTimeout = TimeSpan.FromSeconds(2),
        CommandTimeout = TimeSpan.FromSeconds(10),
        Tls = new MariaDbTlsOptions { Mode = MariaDbTlsMode.Disabled },
    };

    private static Task<string> RunAsync(string script, CancellationToken cancellationToken, params string[] args) =>
        LabEnvironment.RunScriptAsync(script, Environment, cancellationToken, args);
}
