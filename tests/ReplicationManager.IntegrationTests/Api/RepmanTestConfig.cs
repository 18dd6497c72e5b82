namespace ReplicationManager.IntegrationTests.Api;

/// <summary>A temporary directory with a repman configuration on free loopback ports; deleted when disposed.</summary>
internal sealed class RepmanTestConfig : IDisposable
{
    public const string AdminPassword = "api-test-Pa55";

    public RepmanTestConfig(string? clusterSection = null, bool withCredentials = true, string globalExtra = "")
    {
        Directory.CreateDirectory(Root);
        var credentials = withCredentials ? $"api-credentials = \"admin:{AdminPassword}\"" : "";
        // Without a lab, the cluster points at a loopback address nobody listens on: the API does not need it.
        clusterSection ??= """
            [api-test]
            db-servers-hosts = "127.0.0.254:3306"
            db-servers-credential = "repman:unused"
            """;
        File.WriteAllText(ConfigPath, $"""
            [Default]
            monitoring-datadir = "{Datadir}"
            api-bind = "127.0.0.1"
            api-port = {ApiPort}
            http-bind-address = "127.0.0.1"
            http-port = {HttpPort}
            {credentials}
            log-level = 2
            {globalExtra}

            {clusterSection}
            """);
    }

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "repman-api-it-" + Guid.NewGuid().ToString("N"));

    public string ConfigPath => Path.Combine(Root, "config.toml");

    public string Datadir => Path.Combine(Root, "data");

    public int ApiPort { get; } = FreePorts.Next();

    public int HttpPort { get; } = FreePorts.Next();

    public string ApiUrl => $"https://127.0.0.1:{ApiPort}";

    /// <summary>A handler that trusts the certificate repman generated in this data directory, and nothing else.</summary>
    public async Task<SocketsHttpHandler> TrustingHandlerAsync(CancellationToken cancellationToken)
    {
        var generated = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(
            await File.ReadAllTextAsync(Path.Combine(Datadir, "api-selfsigned-cert.pem"), cancellationToken));
        return new SocketsHttpHandler
        {
            SslOptions = { RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate?.GetCertHashString() == generated.Thumbprint },
        };
    }

    public string CheckUrl => $"http://127.0.0.1:{HttpPort}";

    /// <summary>A cluster section over every lab host, monitored each second, with <paramref name="extra"/> keys.</summary>
    public static string LabCluster(Lab.LabEnvironment lab, string name, string extra = "") => $"""
        [{name}]
        db-servers-hosts = "{string.Join(",", lab.Hosts.Select(host => $"{host.Address}:{host.Port}"))}"
        db-servers-credential = "{lab.RepmanUser}:{lab.RepmanPassword}"
        monitoring-address = "127.0.0.1"
        monitoring-ticker = 1
        {extra}
        """;

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
