using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;
using Renci.SshNet;
using Renci.SshNet.Common;
using ReplicationManager.Core.Jobs.Local;
using ReplicationManager.Core.Jobs.Protocol;
using ReplicationManager.Core.Logging;
using ReplicationManager.Core.Options;
using ReplicationManager.Core.Topology;

namespace ReplicationManager.Core.Jobs.Ssh;

/// <summary>
/// Runs the job script on a database host over SSH (spec 6.1.4.2; <c>scheduler-jobs-ssh</c>, <c>actions/run-jobs</c>):
/// the environment block of spec 6.1.5 and the script go to <c>bash -s</c> on stdin, and the run's exit code, duration
/// and the tail of its error output become the job's result. One SSH session per host is kept between runs; host keys
/// are checked against <see cref="HostKeyPins"/>; a refused or hanging connection is the job's error within
/// <c>scheduler-jobs-ssh-timeout</c>.
/// </summary>
internal sealed class SshJobScript(ClusterOptions cluster, string datadir, int apiPort, Func<JobMode> mode, JobScriptFile script, ILogger logger) : ILocalTask, IAsyncDisposable
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(15);
    private const int StderrTailLines = 20;

    private static readonly string[] DefaultKeys = ["id_ed25519", "id_rsa", "id_ecdsa"];

    private readonly Dictionary<ServerAddress, SshClient> _sessions = [];
    private readonly object _gate = new();
    private readonly HostKeyPins _pins = new(Path.Combine(datadir, "ssh_known_hosts"), cluster.Ssh.KnownHostsPath);

    public string Task => JobTasks.DbJobs;

    public async Task<LocalJobOutcome> RunAsync(LocalTaskContext context, CancellationToken cancellationToken)
    {
        var server = context.Server.Address;
        if (!cluster.Ssh.Enabled)
            return LocalJobOutcome.Failure("onpremise-ssh is false: repman does not reach the database hosts over SSH");
        var (content, _, unreadable) = await script.ReadAsync(cancellationToken);
        if (content is null)
            return LocalJobOutcome.Failure(unreadable!);
        await DeliverAsync(context, content, cancellationToken);
        var watch = Stopwatch.StartNew();
        SshClient client;
        try
        {
            client = await ConnectAsync(server, cancellationToken);
        }
        catch (Exception ex) when (ex is SshException or SocketException or ProxyException or IOException or ArgumentException or InvalidOperationException)
        {
            return LocalJobOutcome.Failure($"{Where(server)}: {ex.Message}");
        }
        return await ExecuteAsync(client, server, content, watch, cancellationToken);
    }

    public ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            foreach (var client in _sessions.Values)
                client.Dispose();
            _sessions.Clear();
        }
        return ValueTask.CompletedTask;
    }

    private async Task<LocalJobOutcome> ExecuteAsync(SshClient client, ServerAddress server, byte[] content, Stopwatch watch, CancellationToken cancellationToken)
    {
        var timeout = cluster.Scheduler.JobsSshTimeout;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        using var command = client.CreateCommand("bash -s");
        var environment = Encoding.UTF8.GetBytes(ScriptEnvironment.Block(cluster, server, apiPort, mode()));
        try
        {
            var execution = command.ExecuteAsync(deadline.Token);
            await using (var input = command.CreateInputStream())
            {
                await input.WriteAsync(environment, deadline.Token);
                await input.WriteAsync(content, deadline.Token);
            }
            await execution;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Forget(server);
            return LocalJobOutcome.Failure($"{Where(server)}: the job script ran past scheduler-jobs-ssh-timeout ({timeout.TotalSeconds:0}s) and was stopped{Tail(command.Error)}");
        }
        catch (Exception ex) when (ex is SshException or SocketException or IOException or InvalidOperationException)
        {
            Forget(server);
            return LocalJobOutcome.Failure($"{Where(server)}: the SSH session broke: {ex.Message}");
        }
        var exit = command.ExitStatus?.ToString(CultureInfo.InvariantCulture) ?? $"by signal {command.ExitSignal}";
        var result = $"dbjobs_new exited {exit} in {watch.Elapsed.TotalSeconds:0.#}s on {Where(server)}{Tail(command.Error)}";
        JobLog.ScriptRan(logger, server, cluster.Name, exit, watch.Elapsed.TotalSeconds);
        return command.ExitStatus == 0 ? LocalJobOutcome.Success(result) : LocalJobOutcome.Failure(result);
    }

    /// <summary>
    /// Keeps a copy of what runs on the host where the spec puts it: {datadir}/{cluster}/{host}_{port}/init/init/dbjobs_new,
    /// rewritten only when the script changed (runs come every minute on every host).
    /// </summary>
    private static async Task DeliverAsync(LocalTaskContext context, byte[] content, CancellationToken cancellationToken)
    {
        var path = Path.Combine(context.Destinations.LogDirectory(context.Server.Address), "init", "init", "dbjobs_new");
        if (File.Exists(path) && (await File.ReadAllBytesAsync(path, cancellationToken)).AsSpan().SequenceEqual(content))
            return;
        await AtomicFile.WriteAsync(path, content, cancellationToken);
    }

    private async Task<SshClient> ConnectAsync(ServerAddress server, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_sessions.TryGetValue(server, out var open) && open.IsConnected)
                return open;
        }
        Forget(server);
        var port = cluster.Ssh.Port;
        var client = new SshClient(new ConnectionInfo(server.Host, port, User, Authentication(User).ToArray()) { Timeout = ConnectTimeout });
        HostKeyVerdict? verdict = null;
        client.HostKeyReceived += (_, key) =>
        {
            verdict = _pins.Check(server.Host, port, key.HostKeyName, key.HostKey);
            key.CanTrust = verdict.IsTrusted;
        };
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(ConnectTimeout);
            await client.ConnectAsync(deadline.Token);
        }
        catch (Exception ex) when (verdict is { IsTrusted: false } refused && ex is SshException)
        {
            client.Dispose();
            JobLog.HostKeyRefused(logger, server, cluster.Name, refused.RefusedBecause!);
            throw new SshConnectionException(refused.RefusedBecause!);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            client.Dispose();
            throw new SshOperationTimeoutException($"no SSH connection within {ConnectTimeout.TotalSeconds:0}s");
        }
        catch
        {
            client.Dispose();
            throw;
        }
        if (verdict is { WasPinned: true } pinned)
            JobLog.HostKeyPinned(logger, server, cluster.Name, pinned.Fingerprint, _pins.PinFile);
        client.KeepAliveInterval = TimeSpan.FromSeconds(30);
        lock (_gate)
            _sessions[server] = client;
        return client;
    }

    private IEnumerable<AuthenticationMethod> Authentication(string user)
    {
        if (cluster.Ssh.Credential is { HasPassword: true } credential)
            yield return new PasswordAuthenticationMethod(user, credential.Password);
        var keyPath = cluster.Ssh.PrivateKeyPath is { Length: > 0 } configured
            ? configured
            : DefaultKeys
                .Select(file => Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".ssh", file))
                .FirstOrDefault(File.Exists);
        if (keyPath is not null)
            yield return new PrivateKeyAuthenticationMethod(user, new PrivateKeyFile(keyPath));
    }

    private void Forget(ServerAddress server)
    {
        lock (_gate)
        {
            if (_sessions.Remove(server, out var client))
                client.Dispose();
        }
    }

    private string User => cluster.Ssh.Credential?.User is { Length: > 0 } name ? name : "root";

    private string Where(ServerAddress server) => $"{User}@{server.Host}:{cluster.Ssh.Port.ToString(CultureInfo.InvariantCulture)}";

    private static string Tail(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return "";
        var lines = text.TrimEnd().Split('\n');
        return "\n" + string.Join('\n', lines.TakeLast(StderrTailLines));
    }
}
