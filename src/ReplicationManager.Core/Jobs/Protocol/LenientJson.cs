using System.Text;
using System.Text.Json;

namespace ReplicationManager.Core.Jobs.Protocol;

/// <summary>
/// Reads the JSON object at the start of a decrypted plaintext the way the scripts write it: the object ends at its
/// matching brace (what follows, such as the older script's 0x01 filler, is ignored), and control characters left
/// raw inside strings (the older script escapes quotes and backslashes but not tabs) are read as themselves.
/// </summary>
public static class LenientJson
{
    /// <summary>The object, or null when the plaintext does not start with one (leading whitespace aside).</summary>
    public static JsonDocument? ReadObject(ReadOnlySpan<byte> plaintext)
    {
        var start = 0;
        while (start < plaintext.Length && plaintext[start] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
            start++;
        if (start == plaintext.Length || plaintext[start] != (byte)'{')
            return null;
        var clean = new StringBuilder(plaintext.Length);
        var depth = 0;
        var inString = false;
        var escaped = false;
        var text = Encoding.UTF8.GetString(plaintext[start..]);
        foreach (var c in text)
        {
            if (inString)
            {
                if (escaped)
                    escaped = false;
                else if (c == '\\')
                    escaped = true;
                else if (c == '"')
                    inString = false;
                else if (c < ' ')
                {
                    clean.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                    continue;
                }
                clean.Append(c);
                continue;
            }
            clean.Append(c);
            if (c == '"')
                inString = true;
            else if (c == '{' || c == '[')
                depth++;
            else if ((c == '}' || c == ']') && --depth == 0)
                return Parse(clean.ToString());
        }
        return null;
    }

    private static JsonDocument? Parse(string json)
    {
        try
        {
            return JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
