using System.Globalization;
using System.Text.Json;

namespace ReplicationManager.Core.Tests.Toml;

/// <summary>
/// Compares tagged JSON the way toml-test does: tables as key sets, arrays element by element, floats by value (any
/// nan equals nan), date-times after normalizing separators, case and fractional zeros, everything else as strings.
/// It is stricter on one point: offsets must be equal, not only the instants.
/// </summary>
internal static class TaggedJsonComparison
{
    /// <summary>The first difference, or null when <paramref name="actual"/> matches <paramref name="expected"/>.</summary>
    public static string? Difference(JsonElement expected, JsonElement actual, string path = "")
    {
        if (expected.ValueKind == JsonValueKind.Array)
            return CompareArrays(expected, actual, path);
        if (expected.ValueKind != JsonValueKind.Object)
            return $"{path}: the expected JSON has a bare {expected.ValueKind}";
        if (actual.ValueKind != JsonValueKind.Object)
            return $"{path}: expected an object, got {actual.ValueKind}";
        if (IsTaggedValue(expected) != IsTaggedValue(actual))
            return $"{path}: expected {(IsTaggedValue(expected) ? "a value" : "a table")}, got {actual}";
        return IsTaggedValue(expected) ? CompareValues(expected, actual, path) : CompareTables(expected, actual, path);
    }

    private static string? CompareTables(JsonElement expected, JsonElement actual, string path)
    {
        var expectedKeys = expected.EnumerateObject().Select(property => property.Name).Order(StringComparer.Ordinal).ToList();
        var actualKeys = actual.EnumerateObject().Select(property => property.Name).Order(StringComparer.Ordinal).ToList();
        if (!expectedKeys.SequenceEqual(actualKeys, StringComparer.Ordinal))
            return $"{path}: expected keys [{string.Join(", ", expectedKeys)}], got [{string.Join(", ", actualKeys)}]";
        foreach (var key in expectedKeys)
        {
            if (Difference(expected.GetProperty(key), actual.GetProperty(key), $"{path}.{key}") is { } difference)
                return difference;
        }

        return null;
    }

    private static string? CompareArrays(JsonElement expected, JsonElement actual, string path)
    {
        if (actual.ValueKind != JsonValueKind.Array || actual.GetArrayLength() != expected.GetArrayLength())
            return $"{path}: expected an array of {expected.GetArrayLength()}, got {actual}";
        for (var i = 0; i < expected.GetArrayLength(); i++)
        {
            if (Difference(expected[i], actual[i], $"{path}[{i}]") is { } difference)
                return difference;
        }

        return null;
    }

    private static string? CompareValues(JsonElement expected, JsonElement actual, string path)
    {
        var type = expected.GetProperty("type").GetString()!;
        var want = expected.GetProperty("value").GetString()!;
        var have = actual.GetProperty("value").GetString();
        if (actual.GetProperty("type").GetString() != type || have is null)
            return $"{path}: expected {expected}, got {actual}";
        var equal = type switch
        {
            "float" => FloatsEqual(want, have),
            "datetime" or "datetime-local" or "date-local" or "time-local" => NormalizeDateTime(want) == NormalizeDateTime(have),
            _ => want == have,
        };
        return equal ? null : $"{path}: expected {type} {want}, got {have}";
    }

    private static bool FloatsEqual(string want, string have)
    {
        if (want.EndsWith("nan", StringComparison.Ordinal) || have.EndsWith("nan", StringComparison.Ordinal))
            return want.EndsWith("nan", StringComparison.Ordinal) && have.EndsWith("nan", StringComparison.Ordinal);
        return ParseFloat(want) == ParseFloat(have);
    }

    private static double ParseFloat(string text) => text switch
    {
        "inf" or "+inf" => double.PositiveInfinity,
        "-inf" => double.NegativeInfinity,
        _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
    };

    private static string NormalizeDateTime(string text)
    {
        var normalized = text.Replace(' ', 'T').Replace('t', 'T').Replace('z', 'Z');
        if (normalized.EndsWith('Z') || normalized.EndsWith("-00:00", StringComparison.Ordinal))
            normalized = normalized[..(normalized.EndsWith('Z') ? ^1 : ^6)] + "+00:00";
        var dot = normalized.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0)
            return normalized;
        var end = dot + 1;
        while (end < normalized.Length && char.IsAsciiDigit(normalized[end]))
            end++;
        var fraction = normalized[(dot + 1)..end].TrimEnd('0');
        return normalized[..dot] + (fraction.Length > 0 ? "." + fraction : string.Empty) + normalized[end..];
    }

    private static bool IsTaggedValue(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object
        && element.EnumerateObject().Count() == 2
        && element.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String
        && element.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.String;
}
