namespace ReplicationManager.Core.Tests.Options;

/// <summary>Configuration files written into a temporary directory for one test.</summary>
internal sealed class ConfigFiles : IDisposable
{
    public ConfigFiles() => Directory.CreateDirectory(Root);

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "repman-config-" + Guid.NewGuid().ToString("N"));

    public string Write(string relativePath, string toml)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, toml);
        return path;
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
