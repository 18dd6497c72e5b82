using System.Globalization;
using System.Text;
using System.Text.Json;
using ReplicationManager.Core.Jobs;
using ReplicationManager.Core.Options;

namespace ReplicationManager.Core.Backups.Restic;

/// <summary>
/// The cluster's restic repository (<c>backup-restic*</c>): each complete, checked backup is archived with its
/// metadata, tagged with cluster, server, tool, kind and GTID, then the retention of <c>backup-keep-*</c> is applied
/// to that server's backups of that tool with <c>restic forget --prune</c>. Every failure is the job's error: a backup
/// that is not archived, or a retention that did not run, is never silent.
/// </summary>
public sealed class ResticArchive(ClusterOptions cluster, string datadir) : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromHours(2);

    // Listing spawns restic (and reads S3): kept a minute, dropped by every archive repman makes.
    private static readonly TimeSpan ListingKept = TimeSpan.FromMinutes(1);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _ready;
    private (IReadOnlyList<ResticSnapshot> Snapshots, DateTimeOffset At)? _listing;

    private ResticOptions Options => cluster.Backup.Restic;

    /// <summary>Where the repository is: <c>backup-restic-repository</c> (under the cluster's name on S3), else the data directory.</summary>
    public string Repository => Options.Repository.Length > 0
        ? Options.Aws ? $"{Options.Repository.TrimEnd('/')}/{cluster.Name}" : Options.Repository
        : Path.Combine(datadir, "Backups", "archive", cluster.Name);

    /// <summary>Archives the job's backup; its message, or the failure.</summary>
    public async Task<(bool Archived, string Message)> ArchiveAsync(Job job, CancellationToken cancellationToken)
    {
        if (job.Path is not { } artifact)
            return (false, "the backup has no file to archive");
        var id = Path.GetFileName(artifact).Split('.')[0];
        var metadata = Path.Combine(Path.GetDirectoryName(artifact)!, id + ".meta.json");
        if (!File.Exists(metadata))
            return (false, $"the backup's metadata {metadata} is missing");
        var gtid = JsonSerializer.Deserialize(await File.ReadAllBytesAsync(metadata, cancellationToken), BackupJsonContext.Default.BackupMetadata)?.Gtid ?? job.Position?.Gtid;
        var tags = ResticTags.For(cluster.Name, job.Target.FolderName, job.Task, StreamedBackup.IsPhysical(job.Task) ? "physical" : "logical", gtid);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (await EnsureRepositoryAsync(cancellationToken) is { } notReady)
                return (false, notReady);
            var (backedUp, output, errors) = await RunAsync(["backup", "--json", "--host", "repman", .. tags.SelectMany(tag => new[] { "--tag", tag }), artifact, metadata],
                cancellationToken);
            if (!backedUp)
                return (false, $"restic backup failed: {errors}");
            _listing = null;
            var snapshot = SnapshotId(output) ?? "?";
            var (forgot, forgetOutput, forgetErrors) = await RunAsync(["forget", "--json", "--prune", "--group-by", "", "--tag", string.Join(',', tags.Take(3)), .. KeepArguments()],
                cancellationToken);
            if (!forgot)
                return (false, $"archived as restic snapshot {snapshot}, but the retention (restic forget --prune) failed: {forgetErrors}");
            var (kept, removed) = Counts(forgetOutput);
            return (true, string.Create(CultureInfo.InvariantCulture,
                $"archived as restic snapshot {snapshot} in {Repository}; retention kept {kept}, removed {removed} of {job.Target}'s {job.Task} snapshots"));
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The cluster's snapshots, newest first.</summary>
    public async Task<(IReadOnlyList<ResticSnapshot> Snapshots, string? Failure)> SnapshotsAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (await EnsureRepositoryAsync(cancellationToken) is { } notReady)
                return ([], notReady);
            if (_listing is { } kept && DateTimeOffset.UtcNow - kept.At < ListingKept)
                return (kept.Snapshots, null);
            var (listed, output, errors) = await RunAsync(["snapshots", "--json", "--tag", ResticTags.Cluster(cluster.Name)], cancellationToken);
            if (!listed)
                return ([], $"restic snapshots failed: {errors}");
            var snapshots = ResticSnapshot.ParseList(output);
            _listing = (snapshots, DateTimeOffset.UtcNow);
            return (snapshots, null);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Restores a snapshot under <paramref name="target"/>; the restored files, or the failure.</summary>
    public async Task<(IReadOnlyList<string> Files, string? Failure)> RestoreAsync(string snapshot, string target, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var (restored, _, errors) = await RunAsync(["restore", snapshot, "--target", target], cancellationToken);
            return restored
                ? (Directory.EnumerateFiles(target, "*", SearchOption.AllDirectories).ToList(), null)
                : ([], $"restic restore {snapshot} failed: {errors}");
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private async Task<string?> EnsureRepositoryAsync(CancellationToken cancellationToken)
    {
        if (_ready)
            return null;
        var (exists, _, _) = await RunAsync(["cat", "config"], cancellationToken);
        if (!exists)
        {
            try
            {
                if (!Options.Aws)
                    Directory.CreateDirectory(Path.GetDirectoryName(Repository)!);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return $"the restic repository {Repository} cannot be opened or created: {ex.Message}";
            }
            var (created, _, errors) = await RunAsync(["init"], cancellationToken);
            if (!created)
                return $"the restic repository {Repository} cannot be opened or created: {errors}";
        }
        _ready = true;
        return null;
    }

    private IEnumerable<string> KeepArguments()
    {
        var keep = cluster.Backup.Retention;
        return
        [
            "--keep-hourly", keep.Hourly.ToString(CultureInfo.InvariantCulture), "--keep-daily", keep.Daily.ToString(CultureInfo.InvariantCulture),
            "--keep-weekly", keep.Weekly.ToString(CultureInfo.InvariantCulture), "--keep-monthly", keep.Monthly.ToString(CultureInfo.InvariantCulture),
            "--keep-yearly", keep.Yearly.ToString(CultureInfo.InvariantCulture),
        ];
    }

    private async Task<(bool Succeeded, string Output, string Errors)> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(Bound);
        var output = new StringBuilder();
        var errors = new OutputTail([Options.Password, Options.AwsAccessSecret]);
        var exit = await ToolProcess.RunAsync(Options.BinaryPath, arguments, async (stream, token) =>
        {
            using var reader = new StreamReader(stream);
            output.Append(await reader.ReadToEndAsync(token));
        }, errors, null, bound.Token, Environment());
        var failure = exit.NotStartedBecause ?? errors.ToString();
        return (exit.Succeeded, output.ToString(), failure.Length == 0 ? $"exit {exit.ExitCode}" : failure);
    }

    private Dictionary<string, string> Environment()
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["RESTIC_REPOSITORY"] = Repository,
            ["RESTIC_PASSWORD"] = Options.Password,
            ["RESTIC_CACHE_DIR"] = Path.Combine(datadir, "Backups", ".restic-cache"),
        };
        if (Options.Aws)
        {
            environment["AWS_ACCESS_KEY_ID"] = Options.AwsAccessKeyId;
            environment["AWS_SECRET_ACCESS_KEY"] = Options.AwsAccessSecret;
        }
        return environment;
    }

    private static string? SnapshotId(string output)
    {
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            try
            {
                using var json = JsonDocument.Parse(line);
                if (json.RootElement.TryGetProperty("message_type", out var type) && type.GetString() == "summary"
                    && json.RootElement.TryGetProperty("snapshot_id", out var id))
                    return id.GetString()?[..Math.Min(8, id.GetString()!.Length)];
            }
            catch (JsonException)
            {
                // Status lines and anything else that is not one JSON object.
            }
        }
        return null;
    }

    private static (int Kept, int Removed) Counts(string forgetOutput)
    {
        try
        {
            // The JSON is the first line; the prune that follows prints its progress after it.
            var first = forgetOutput.Split('\n', 2)[0];
            using var json = JsonDocument.Parse(first.Length == 0 ? "[]" : first);
            var groups = json.RootElement.ValueKind == JsonValueKind.Array ? json.RootElement.EnumerateArray().ToList() : [];
            static int Count(JsonElement group, string name) => group.TryGetProperty(name, out var list) && list.ValueKind == JsonValueKind.Array ? list.GetArrayLength() : 0;
            return (groups.Sum(group => Count(group, "keep")), groups.Sum(group => Count(group, "remove")));
        }
        catch (JsonException)
        {
            return (0, 0);
        }
    }
}
