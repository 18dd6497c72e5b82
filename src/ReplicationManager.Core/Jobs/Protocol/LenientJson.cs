using System.Text.Json;

namespace ReplicationManager.Core.Jobs.Protocol;

/// <summary>
/// Reads the JSON object at the start of a decrypted plaintext the way the scripts write it: the object ends at its
/// matching brace (what follows, such as the older script's filler, is ignored), and control characters left raw
/// inside strings (the older script escapes quotes and backslashes but not tabs) are read as themselves.
/// </summary>
public static class LenientJson
{
    /// <summary>The object, or null when the plaintext does not start with one (leading whitespace aside).</summary>
    public static JsonDocument? ReadObject(ReadOnlyMemory<byte> plaintext)
    {
        var bytes = plaintext.Span;
        var start = 0;
        while (start < bytes.Length && bytes[start] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
            start++;
        if (start == bytes.Length || bytes[start] != (byte)'{')
            return null;
        var (end, rawControls) = EndOfObject(bytes[start..]);
        if (end < 0)
            return null;
        var json = plaintext[start..(start + end + 1)];
        return Parse(rawControls == 0 ? json : Escaped(json.Span, rawControls));
    }

    /// <summary>The index of the brace that closes the object, and how many raw control bytes its strings hold.</summary>
    private static (int End, int RawControls) EndOfObject(ReadOnlySpan<byte> text)
    {
        var depth = 0;
        var inString = false;
        var escaped = false;
        var raw = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (inString)
            {
                if (escaped)
                    escaped = false;
                else if (c == (byte)'\\')
                    escaped = true;
                else if (c == (byte)'"')
                    inString = false;
                else if (c < 0x20)
                    raw++;
                continue;
            }
            if (c == (byte)'"')
                inString = true;
            else if (c is (byte)'{' or (byte)'[')
                depth++;
            else if (c is (byte)'}' or (byte)']' && --depth == 0)
                return (i, raw);
        }
        return (-1, raw);
    }

    /// <summary>The object with each raw control byte inside a string written as a \\u escape.</summary>
    private static byte[] Escaped(ReadOnlySpan<byte> json, int rawControls)
    {
        var escaped = new byte[json.Length + rawControls * 5];
        var at = 0;
        var inString = false;
        var backslash = false;
        foreach (var c in json)
        {
            if (inString && !backslash && c < 0x20)
            {
                "\\u00"u8.CopyTo(escaped.AsSpan(at));
                escaped[at + 4] = Hex(c >> 4);
                escaped[at + 5] = Hex(c & 0xF);
                at += 6;
                continue;
            }
            if (inString)
            {
                if (backslash)
                    backslash = false;
                else if (c == (byte)'\\')
                    backslash = true;
                else if (c == (byte)'"')
                    inString = false;
            }
            else if (c == (byte)'"')
                inString = true;
            escaped[at++] = c;
        }
        return escaped[..at];
    }

    private static byte Hex(int digit) => (byte)(digit < 10 ? '0' + digit : 'a' + digit - 10);

    private static JsonDocument? Parse(ReadOnlyMemory<byte> json)
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
