using ReplicationManager.Core.Options;

namespace ReplicationManager.Core.Tests.Options;

/// <summary>
/// Every key of the catalog, given a wrong type, an out-of-range number, a misspelt name or a second value, stops
/// the start with an error naming the file, the line and the key: a new key is covered by itself.
/// </summary>
public sealed class EveryKeyErrorTests
{
    private const string Cluster = "[c]\ndb-servers-hosts = \"h1,h2\"\ndb-servers-credential = \"u:p\"\n";

    public static TheoryData<string> Keys() => new(ConfigCatalog.All.Select(key => key.Name));

    [Theory]
    [MemberData(nameof(Keys))]
    public void AWrongTypeIsRefusedWithFileLineAndKey(string name)
    {
        var error = SingleError($"{name} = {{ wrong = 1 }}");

        Assert.Equal((2, name), (error.Origin.Line, error.Key));
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void ANumberOutOfRangeIsRefusedWithFileLineAndKey(string name)
    {
        var key = ConfigCatalog.Find(name)!;
        if (key is not (ConfigKey<int> or ConfigKey<TimeSpan>))
            return;

        var error = SingleError($"{name} = 1099511627776");

        Assert.Equal((2, name), (error.Origin.Line, error.Key));
        Assert.Contains("out of range", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void AMisspeltNameIsRefusedWithTheNearestKey(string name)
    {
        var misspelt = name[..^1] + "x" + name[^1];

        var error = SingleError($"{misspelt} = {ConfigCatalog.Find(name)!.DefaultText}");

        Assert.Equal((2, misspelt), (error.Origin.Line, error.Key));
        var suggested = error.Message.Split("did you mean ")[1].Split('?')[0];
        Assert.True(EditDistance.Between(misspelt, suggested) <= 1, $"{misspelt}: suggested {suggested}");
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void ASecondValueIsRefusedAtItsLine(string name)
    {
        var value = ConfigCatalog.Find(name)!.DefaultText;

        var error = SingleError($"{name} = {value}\n{name} = {value}");

        Assert.Equal(3, error.Origin.Line);
        Assert.Contains(name, error.ToString(), StringComparison.Ordinal);
    }

    private static ConfigDiagnostic SingleError(string lines)
    {
        using var files = new ConfigFiles();
        var path = files.Write("config.toml", "[Default]\n" + lines + "\n" + Cluster);
        var error = Assert.Throws<ConfigurationException>(() => ConfigurationLoader.Load(path));
        var only = Assert.Single(error.Errors);
        Assert.Equal(path, only.Origin.File);
        return only;
    }
}
