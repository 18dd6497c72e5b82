using System.Security.Cryptography;

namespace ReplicationManager.Core.Jobs.Protocol;

/// <summary>
/// The job script repman hands to database hosts: the built-in <c>share/dbjobs/dbjobs_new</c> beside the executable,
/// or the custom script of <c>onpremise-ssh-db-job-script</c>. Read at each use, so a script replaced on disk is
/// served at once; its SHA-256 is what hosts are compared with.
/// </summary>
public sealed class JobScriptFile(string path)
{
    /// <summary>The built-in script's path, relative to the executable.</summary>
    public static readonly string BuiltIn = System.IO.Path.Combine(AppContext.BaseDirectory, "share", "dbjobs", "dbjobs_new");

    public string Path { get; } = path;

    public static JobScriptFile For(string customScript) => new(customScript is { Length: > 0 } custom ? custom : BuiltIn);

    /// <summary>The script's bytes and their SHA-256 (hex), or null with the reason when it cannot be read.</summary>
    public async Task<(byte[]? Content, string? Sha256, string? Failure)> ReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            var content = await File.ReadAllBytesAsync(Path, cancellationToken);
            return (content, Convert.ToHexStringLower(SHA256.HashData(content)), null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return (null, null, $"the job script {Path} cannot be read: {ex.Message}");
        }
    }
}
