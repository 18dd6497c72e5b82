using ReplicationManager.Core.Options;

namespace ReplicationManager.Core.Tests.Options;

public sealed class ConfigurationDocsTests
{
    [Fact]
    public void DocsConfigurationMdIsGeneratedFromTheKeyCatalog()
    {
        var path = Path.Combine(RepositoryRoot(), "docs", "configuration.md");
        var expected = ConfigurationDocs.Render();
        if (Environment.GetEnvironmentVariable("REPMAN_UPDATE_DOCS") == "1")
            File.WriteAllText(path, expected);

        Assert.True(File.Exists(path), $"{path} is missing; regenerate it with REPMAN_UPDATE_DOCS=1 dotnet test tests/ReplicationManager.Core.Tests --filter ConfigurationDocsTests");
        Assert.True(expected == File.ReadAllText(path), $"{path} is stale; regenerate it with REPMAN_UPDATE_DOCS=1 dotnet test tests/ReplicationManager.Core.Tests --filter ConfigurationDocsTests");
    }

    [Fact]
    public void EveryKeyHasADescriptionAndAUniqueName()
    {
        Assert.All(ConfigCatalog.All, key => Assert.False(string.IsNullOrWhiteSpace(key.Description), key.Name));
        Assert.Equal(ConfigCatalog.All.Count, ConfigCatalog.All.Select(key => key.Name).Distinct().Count());
        Assert.All(ConfigCatalog.All, key => Assert.False(RecognizedKeys.All.ContainsKey(key.Name), key.Name));
    }

    internal static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ReplicationManager.slnx")))
            directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("repository root not found above " + AppContext.BaseDirectory);
    }
}
