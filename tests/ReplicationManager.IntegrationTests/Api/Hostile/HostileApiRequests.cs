using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace ReplicationManager.IntegrationTests.Api.Hostile;

/// <summary>What the generator knows of the repman under test: its URLs, users, signing key and one real server.</summary>
internal sealed record HostileTarget(
    string ApiUrl, string CheckUrl, string Cluster, string ServerId, string ServerHost, int ServerPort,
    string AdminToken, string ViewerToken, byte[] SigningKey);

/// <summary>
/// Makes the i-th hostile request: the routes of repman's OpenAPI document in turn, each time with one kind of abuse
/// (drawn from a generator seeded with i, so a failure names a request that can be made again).
/// </summary>
internal sealed class HostileApiRequests(IReadOnlyList<ApiRoute> routes, HostileTarget target)
{
    public static readonly string[] Kinds =
    [
        "plausible", "bad json", "wrong types", "huge body", "huge header", "no token", "garbage token", "foreign token",
        "expired token", "viewer on any route", "path traversal", "unknown cluster", "unknown server", "wrong method",
        "junk query", "slow client", "check port",
    ];

    private static readonly string[] HostileSegments =
    [
        "..%2F..%2Fetc%2Fpasswd", "%2E%2E%2F%2E%2E%2Fescape", "..%5C..%5Cescape", "%252E%252E%252F", "a%2Fb", "%25", "' OR 1=1 --",
        "%E2%80%AE", "%C0%AE%C0%AE", "-1", "0", "99999999999999999999", "NaN", "null", "%7B%7D", new string('x', 3000),
    ];

    private static readonly string[] BadJson =
    [
        "{", "}", "[", "{\"a\":", "nul", "{\"a\" 1}", "{'single': 'quotes'}", "\u0000\u0001\u0002", "{\"a\":1}{\"b\":2}",
        "[" + new string('[', 5000), "{\"a\":\"\\uD800\"}", "1e999999", "\"just a string\"", "true",
    ];

    private static readonly string[] Methods = ["GET", "POST", "PUT", "DELETE", "PATCH"];

    public (string Kind, ApiRoute Route, HttpRequestMessage Request) Make(int i)
    {
        var random = new Random(i);
        var kind = Kinds[i % Kinds.Length];
        var route = routes[(i / Kinds.Length) % routes.Count];
        var values = Plausible(route);
        var method = route.Method;
        string? token = target.AdminToken;
        HttpContent? content = route.BodyProperties is not null ? Json("{}") : null;
        var baseUrl = target.ApiUrl;
        var query = "";
        switch (kind)
        {
            case "bad json":
                content = Json(BadJson[random.Next(BadJson.Length)]);
                break;
            case "wrong types":
                content = Json(WrongTypes(route, random));
                break;
            case "huge body":
                content = Json(new string(' ', random.Next(1, 4) << 20) + "{}");
                break;
            case "no token":
                token = null;
                break;
            case "garbage token":
                token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(random.Next(8, 400)));
                break;
            case "foreign token":
                token = Jwt(RandomNumberGenerator.GetBytes(32), "admin", DateTimeOffset.UtcNow.AddHours(1));
                break;
            case "expired token":
                token = Jwt(target.SigningKey, "admin", DateTimeOffset.UtcNow.AddHours(-random.Next(1, 100)));
                break;
            case "viewer on any route":
                token = target.ViewerToken;
                break;
            case "path traversal" when route.Parameters.Count > 0:
                values[route.Parameters[random.Next(route.Parameters.Count)]] = HostileSegments[random.Next(HostileSegments.Length)];
                break;
            case "unknown cluster" when route.Parameters.Contains("cluster"):
                values["cluster"] = "nope" + random.Next(1000);
                break;
            case "unknown server":
                values["id"] = random.Next().ToString(System.Globalization.CultureInfo.InvariantCulture);
                values["host"] = $"127.0.0.{random.Next(200, 255)}";
                values["port"] = random.Next(1, 65536).ToString(System.Globalization.CultureInfo.InvariantCulture);
                break;
            case "wrong method":
                method = Methods[random.Next(Methods.Length)];
                break;
            case "junk query":
                query = "?" + string.Join("&", Enumerable.Range(0, random.Next(1, 40)).Select(n =>
                    $"{(n % 3 == 0 ? "prefmaster" : "k" + n)}={HostileSegments[random.Next(HostileSegments.Length)]}"));
                break;
            // A route that reads no body answers at once and closes the connection under a body still coming.
            case "slow client" when route.BodyProperties is not null:
                content = new SlowContent(Encoding.UTF8.GetBytes("{\"padding\":\"" + new string('s', 60) + "\"}"), TimeSpan.FromMilliseconds(25))
                {
                    Headers = { ContentType = new MediaTypeHeaderValue("application/json") },
                };
                break;
            case "check port":
                baseUrl = target.CheckUrl;
                token = null;
                if (random.Next(2) == 0 && route.Parameters.Count > 0)
                    values[route.Parameters[random.Next(route.Parameters.Count)]] = HostileSegments[random.Next(HostileSegments.Length)];
                break;
        }
        var request = new HttpRequestMessage(new HttpMethod(method), baseUrl + Fill(route.Template, values) + query) { Content = content };
        if (token is not null)
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        if (kind == "huge header")
            request.Headers.TryAddWithoutValidation("X-Padding", new string('h', random.Next(40, 120) << 10));
        // A client that sends a large body asks first; repman may refuse it before the body is sent.
        request.Headers.ExpectContinue = kind == "huge body";
        // Kestrel closes a connection whose request it refused or did not read whole; the pool must not reuse it.
        request.Headers.ConnectionClose = kind is "huge body" or "huge header" or "slow client";
        return (kind, route, request);
    }

    private Dictionary<string, string> Plausible(ApiRoute route)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["cluster"] = target.Cluster,
            ["id"] = target.ServerId,
            ["host"] = target.ServerHost,
            ["port"] = target.ServerPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        foreach (var parameter in route.Parameters.Where(p => !values.ContainsKey(p)))
            values[parameter] = parameter switch
            {
                "task" => "mariabackup",
                "state" => "done",
                "level" => "INFO",
                "method" => "logicalbackup",
                "setting" => "scheduler-db-servers-logical-backup-cron",
                "value" => "0 0 1 * * 6",
                "mode" => "api",
                _ => "x",
            };
        return values;
    }

    private static string Fill(string template, Dictionary<string, string> values)
    {
        var parts = template.Split('/');
        for (var i = 0; i < parts.Length; i++)
        {
            if (parts[i].StartsWith('{') && parts[i].EndsWith('}'))
                parts[i] = values[parts[i][1..^1]];
        }
        return string.Join('/', parts);
    }

    private static string WrongTypes(ApiRoute route, Random random)
    {
        var properties = route.BodyProperties is { Count: > 0 } declared ? declared : new Dictionary<string, string> { ["anything"] = "string" };
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            foreach (var (name, type) in properties)
            {
                writer.WritePropertyName(name);
                switch (type)
                {
                    case "string":
                        writer.WriteNumberValue(random.Next());
                        break;
                    case "integer" or "number":
                        writer.WriteStringValue(random.Next(2) == 0 ? "twelve" : "1e400");
                        break;
                    case "boolean":
                        writer.WriteStringValue("maybe");
                        break;
                    case "array":
                        writer.WriteStartObject();
                        writer.WriteEndObject();
                        break;
                    default:
                        writer.WriteStartArray();
                        writer.WriteNumberValue(-1);
                        writer.WriteEndArray();
                        break;
                }
            }
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    /// <summary>An HS256 JWT as repman's are (issuer, subject, expiry), signed with <paramref name="key"/>.</summary>
    private static string Jwt(byte[] key, string user, DateTimeOffset expires)
    {
        static string Part(string json) => Base64Url(Encoding.UTF8.GetBytes(json));
        var unsigned = Part("""{"alg":"HS256","typ":"JWT"}""") + "." + Part(
            $$"""{"iss":"https://api.replication-manager.signal18.io","sub":"{{user}}","iat":{{expires.AddHours(-2).ToUnixTimeSeconds()}},"nbf":{{expires.AddHours(-2).ToUnixTimeSeconds()}},"exp":{{expires.ToUnixTimeSeconds()}}}""");
        return unsigned + "." + Base64Url(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(unsigned)));
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>A body sent a few bytes at a time, well within Kestrel's minimum data rate.</summary>
    private sealed class SlowContent(byte[] body, TimeSpan pause) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) =>
            await SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context, CancellationToken cancellationToken)
        {
            for (var offset = 0; offset < body.Length; offset += 8)
            {
                await stream.WriteAsync(body.AsMemory(offset, Math.Min(8, body.Length - offset)), cancellationToken);
                await stream.FlushAsync(cancellationToken);
                await Task.Delay(pause, cancellationToken);
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = body.Length;
            return true;
        }
    }
}
