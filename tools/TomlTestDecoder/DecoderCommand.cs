using System.Text.Encodings.Web;
using System.Text.Json;
using ReplicationManager.Toml;

namespace TomlTestDecoder;

/// <summary>
/// The toml-test decoder interface: TOML on standard input; tagged JSON on standard output and exit code 0 when it
/// is valid; the error on standard error and exit code 1 when it is not.
/// </summary>
public static class DecoderCommand
{
    private static readonly JsonWriterOptions JsonOptions = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static int Run(Stream input, Stream output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        using var document = new MemoryStream();
        input.CopyTo(document);
        TomlTable root;
        try
        {
            root = TomlReader.Parse(document.GetBuffer().AsSpan(0, (int)document.Length), "stdin");
        }
        catch (TomlException exception)
        {
            error.WriteLine(exception.Message);
            return 1;
        }

        using (var writer = new Utf8JsonWriter(output, JsonOptions))
            TaggedJson.Write(writer, root);
        output.WriteByte((byte)'\n');
        output.Flush();
        return 0;
    }
}
