using System.Security.Cryptography;
using System.Text;

namespace ReplicationManager.Core.Backups;

/// <summary>
/// The size and SHA-256 of a directory backup: each file's SHA-256, and the SHA-256 of the manifest that lists them
/// the way <c>sha256sum</c> prints (<c>{hash}  {name}</c>, sorted by name), so <c>sha256sum -c</c> can check a copy.
/// </summary>
internal static class DirectoryDigest
{
    public static async Task<(long Size, string Sha256, IReadOnlyList<BackupFile> Files)> ComputeAsync(string directory, CancellationToken cancellationToken)
    {
        var files = new List<BackupFile>();
        var paths = Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .Select(path => (Path: path, Name: Path.GetRelativePath(directory, path).Replace('\\', '/')))
            .OrderBy(file => file.Name, StringComparer.Ordinal);
        foreach (var (path, name) in paths)
        {
            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
            var hash = await SHA256.HashDataAsync(stream, cancellationToken);
            files.Add(new BackupFile(name, stream.Length, Convert.ToHexStringLower(hash)));
        }
        return (files.Sum(file => file.Size), ManifestSha256(files), files);
    }

    public static string ManifestSha256(IEnumerable<BackupFile> files)
    {
        var manifest = new StringBuilder();
        foreach (var file in files)
            manifest.Append(file.Sha256).Append("  ").Append(file.Name).Append('\n');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(manifest.ToString())));
    }
}
