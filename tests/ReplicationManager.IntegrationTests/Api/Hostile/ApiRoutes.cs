using System.Text.Json;

namespace ReplicationManager.IntegrationTests.Api.Hostile;

/// <summary>One operation of the API as repman's own OpenAPI document describes it.</summary>
/// <param name="Method">GET, POST...</param>
/// <param name="Template">The path with its parameters in braces, as in the document.</param>
/// <param name="BodyProperties">The top-level properties of its JSON body and their JSON types; null when it reads none.</param>
internal sealed record ApiRoute(string Method, string Template, IReadOnlyDictionary<string, string>? BodyProperties)
{
    /// <summary>The parameter names of the path, in order.</summary>
    public IReadOnlyList<string> Parameters { get; } = Template.Split('/')
        .Where(segment => segment.StartsWith('{') && segment.EndsWith('}'))
        .Select(segment => segment[1..^1])
        .ToList();

    /// <summary>The route a proxy polls: served on the check port too.</summary>
    public bool IsCheck => Template.EndsWith("/master-status", StringComparison.Ordinal) || Template.EndsWith("/slave-status", StringComparison.Ordinal)
        || Template.Contains("/is-", StringComparison.Ordinal);

    /// <summary>Every operation of the document at <c>/api/openapi.json</c>: new routes are covered by themselves.</summary>
    public static IReadOnlyList<ApiRoute> FromOpenApi(JsonElement document)
    {
        var schemas = document.TryGetProperty("components", out var components) && components.TryGetProperty("schemas", out var found)
            ? found
            : default;
        var routes = new List<ApiRoute>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                if (operation.Name is "parameters" or "summary" or "description")
                    continue;
                routes.Add(new ApiRoute(operation.Name.ToUpperInvariant(), path.Name, BodyOf(operation.Value, schemas)));
            }
        }
        return routes;
    }

    private static Dictionary<string, string>? BodyOf(JsonElement operation, JsonElement schemas)
    {
        if (!operation.TryGetProperty("requestBody", out var body)
            || !body.TryGetProperty("content", out var content)
            || !content.TryGetProperty("application/json", out var json)
            || !json.TryGetProperty("schema", out var schema))
            return null;
        schema = Resolve(schema, schemas);
        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        if (schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("properties", out var declared))
        {
            foreach (var property in declared.EnumerateObject())
                properties[property.Name] = TypeOf(Resolve(property.Value, schemas));
        }
        return properties;
    }

    private static JsonElement Resolve(JsonElement schema, JsonElement schemas)
    {
        if (schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("$ref", out var reference)
            && schemas.ValueKind == JsonValueKind.Object && schemas.TryGetProperty(reference.GetString()!.Split('/')[^1], out var target))
            return target;
        return schema;
    }

    private static string TypeOf(JsonElement schema)
    {
        if (schema.ValueKind != JsonValueKind.Object || !schema.TryGetProperty("type", out var type))
            return "object";
        // OpenAPI 3.1 writes a nullable type as ["string", "null"].
        return type.ValueKind == JsonValueKind.Array
            ? type.EnumerateArray().Select(t => t.GetString()).FirstOrDefault(t => t != "null") ?? "object"
            : type.GetString() ?? "object";
    }
}
