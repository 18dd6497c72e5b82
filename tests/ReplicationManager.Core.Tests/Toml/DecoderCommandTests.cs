using System.Diagnostics;
using System.Text;
using System.Text.Json;
using TomlTestDecoder;

namespace ReplicationManager.Core.Tests.Toml;

/// <summary>The toml-test decoder: TOML in, tagged JSON and exit code 0 out, or an error and exit code 1.</summary>
public sealed class DecoderCommandTests
{
    [Fact]
    public void WritesTaggedJsonForAValidDocument()
    {
        var (exitCode, output, error) = Run("a = 1\n[t]\nb = [true, 1979-05-27, 'x']\nc = { d = 1.5 }\n"u8.ToArray());

        Assert.Equal(0, exitCode);
        Assert.Empty(error);
        using var json = JsonDocument.Parse(output);
        using var expected = JsonDocument.Parse("""
            {
              "a": {"type": "integer", "value": "1"},
              "t": {
                "b": [{"type": "bool", "value": "true"}, {"type": "date-local", "value": "1979-05-27"}, {"type": "string", "value": "x"}],
                "c": {"d": {"type": "float", "value": "1.5"}}
              }
            }
            """);
        Assert.Null(TaggedJsonComparison.Difference(expected.RootElement, json.RootElement));
    }

    [Fact]
    public void ReportsAnInvalidDocumentOnStandardError()
    {
        var (exitCode, output, error) = Run("a = \n"u8.ToArray());

        Assert.Equal(1, exitCode);
        Assert.Empty(output);
        Assert.Equal("stdin:1:5: expected a value for key \"a\", found end of line" + Environment.NewLine, error);
    }

    [Fact]
    public void KeepsDocumentOrderInTheJson()
    {
        var (_, output, _) = Run("zeta = 1\nalpha = 2\n"u8.ToArray());

        using var json = JsonDocument.Parse(output);
        Assert.Equal(["zeta", "alpha"], json.RootElement.EnumerateObject().Select(property => property.Name));
    }

    // Two runs only: each starts a .NET process, which takes far longer than the rest of these tests.
    [Theory(Timeout = 60_000)]
    [InlineData("valid/string/multiline-escaped-crlf.toml", 0)]
    [InlineData("invalid/encoding/bad-utf8-in-string.toml", 1)]
    public async Task RunsAsAProcessOverStandardStreams(string file, int expectedExitCode)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var decoder = Path.Combine(AppContext.BaseDirectory, "TomlTestDecoder.dll");
        var start = new ProcessStartInfo("dotnet", [decoder])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        await process.StandardInput.BaseStream.WriteAsync(TomlTestSuite.Read(file), cancellationToken);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);

        Assert.Equal(expectedExitCode, process.ExitCode);
        if (expectedExitCode == 0)
        {
            using var expected = JsonDocument.Parse(TomlTestSuite.Read(Path.ChangeExtension(file, ".json")));
            using var actual = JsonDocument.Parse(await output);
            Assert.Null(TaggedJsonComparison.Difference(expected.RootElement, actual.RootElement));
            Assert.Empty(await error);
        }
        else
        {
            Assert.StartsWith("stdin:", await error, StringComparison.Ordinal);
            Assert.Empty(await output);
        }
    }

    private static (int ExitCode, string Output, string Error) Run(byte[] input)
    {
        using var stdin = new MemoryStream(input);
        using var stdout = new MemoryStream();
        using var stderr = new StringWriter();

        var exitCode = DecoderCommand.Run(stdin, stdout, stderr);

        return (exitCode, Encoding.UTF8.GetString(stdout.ToArray()), stderr.ToString());
    }
}
