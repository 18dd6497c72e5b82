using System.Diagnostics;
using ReplicationManager.IntegrationTests.Api;
using ReplicationManager.IntegrationTests.Lab;

namespace ReplicationManager.IntegrationTests.JobProtocol;

/// <summary>Runs <c>protocol-client.sh</c> (curl, openssl, socat) as the job script of one lab host.</summary>
internal sealed class ProtocolClient(RepmanTestConfig config, string cluster, LabHost host, string password)
{
    private static readonly string Script = Path.Combine(AppContext.BaseDirectory, "JobProtocol", "protocol-client.sh");

    public string? Token { get; private set; }

    public async Task<ProtocolClient> LoginAsync(CancellationToken cancellationToken)
    {
        Token = (await RunAsync(cancellationToken, "login")).Trim();
        Assert.Equal(3, Token.Split('.').Length);
        return this;
    }

    /// <summary>Calls a route; returns the HTTP status and the body.</summary>
    public async Task<(int Status, string Body)> CallAsync(string method, string route, string? body, CancellationToken cancellationToken)
    {
        var output = body is null
            ? await RunAsync(cancellationToken, "call", method, route)
            : await RunAsync(cancellationToken, "call", method, route, body);
        var lastLine = output.TrimEnd('\n').LastIndexOf('\n');
        return (int.Parse(output[(lastLine + 1)..].Trim(), System.Globalization.CultureInfo.InvariantCulture), lastLine < 0 ? "" : output[..lastLine]);
    }

    public async Task<(int Status, string Body)> LogAsync(string task, string level, IEnumerable<string> lines, CancellationToken cancellationToken)
    {
        var output = await RunAsync(cancellationToken, ["log", task, level, .. lines]);
        var lastLine = output.TrimEnd('\n').LastIndexOf('\n');
        return (int.Parse(output[(lastLine + 1)..].Trim(), System.Globalization.CultureInfo.InvariantCulture), output[..Math.Max(lastLine, 0)]);
    }

    /// <summary>write-log as replication-manager's older script sends it; returns the raw HTTP answer.</summary>
    public Task<string> LegacyLogAsync(string task, IEnumerable<string> lines, CancellationToken cancellationToken) =>
        RunAsync(cancellationToken, ["legacy-log", task, .. lines]);

    public Task<string> SealAsync(string plaintext, CancellationToken cancellationToken) => RunAsync(cancellationToken, "seal", plaintext);

    /// <summary>Streams a file to a receiver port with socat, from the host's own address, as the scripts do.</summary>
    public async Task SendFileAsync(string file, int port, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("socat") { RedirectStandardError = true };
        foreach (var arg in new[] { "-u", $"OPEN:{file}", $"TCP:127.0.0.1:{port},bind={host.Address}" })
            start.ArgumentList.Add(arg);
        using var socat = Process.Start(start)!;
        var error = await socat.StandardError.ReadToEndAsync(cancellationToken);
        await socat.WaitForExitAsync(cancellationToken);
        Assert.True(socat.ExitCode == 0, $"socat failed: {error}");
    }

    private async Task<string> RunAsync(CancellationToken cancellationToken, params string[] args)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Script);
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        start.Environment["REPMAN_URL"] = config.ApiUrl;
        start.Environment["CLUSTER"] = cluster;
        start.Environment["DB_HOST"] = host.Address;
        start.Environment["DB_PORT"] = host.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["DB_PASSWORD"] = password;
        start.Environment["TOKEN"] = Token ?? "";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        Assert.True(process.ExitCode == 0, $"protocol-client.sh {string.Join(' ', args)} exited {process.ExitCode}: {await stderr}");
        return await stdout;
    }
}
