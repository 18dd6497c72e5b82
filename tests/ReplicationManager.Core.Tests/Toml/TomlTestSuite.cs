using System.Text;

namespace ReplicationManager.Core.Tests.Toml;

/// <summary>The toml-test cases kept in the repository at <c>tests/toml-test</c>, found from the test assembly upwards.</summary>
internal static class TomlTestSuite
{
    private const string ListFile = "files-toml-1.0.0";

    public static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string Root { get; } = Locate();

    /// <summary>Every <c>.toml</c> file the list names for TOML 1.0.0, as paths relative to the suite.</summary>
    public static IReadOnlyList<string> Documents { get; } =
        [.. File.ReadAllLines(Path.Combine(Root, ListFile)).Where(line => line.EndsWith(".toml", StringComparison.Ordinal))];

    public static TheoryData<string> Cases(string folder) =>
        new(Documents.Where(path => path.StartsWith(folder, StringComparison.Ordinal)));

    public static byte[] Read(string path) => File.ReadAllBytes(Path.Combine(Root, path));

    public static bool TryDecode(byte[] utf8, out string text)
    {
        try
        {
            text = StrictUtf8.GetString(utf8);
            return true;
        }
        catch (DecoderFallbackException)
        {
            text = string.Empty;
            return false;
        }
    }

    private static string Locate()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "tests", "toml-test");
            if (File.Exists(Path.Combine(candidate, ListFile)))
                return candidate;
        }

        throw new DirectoryNotFoundException($"tests/toml-test/{ListFile} not found above {AppContext.BaseDirectory}");
    }
}
