using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using ReplicationManager.Core.Jobs.Protocol;

namespace ReplicationManager.IntegrationTests.JobProtocol;

/// <summary>Makes the i-th hostile request: each kind in turn, with its details drawn from a seeded generator.</summary>
internal sealed class HostileRequests(string apiUrl, string host, string password, string foreignToken)
{
    private static readonly string[] Kinds =
    [
        "random bytes", "truncated base64", "wrong key", "other cluster's password", "replayed login", "huge body",
        "path traversal", "unknown cluster", "unknown server", "foreign token", "garbage token", "bad words",
    ];

    private static readonly string[] Routes =
    [
        "secret-login", "needs/errorlog", "write-log/errorlog", "actions/receive-task/mariabackup",
        "actions/job-state/errorlog/done", "actions/receive-jobs-check", "actions/send-jobs-upgrade",
    ];

    private static readonly string[] Traversals =
    [
        "..%2F..%2F..%2Fescape", "%2E%2E%2Fescape", "..%5Cescape", "escape%00", "errorlog%2F..%2F..%2Fescape", "....%2F%2Fescape",
        "%252E%252E%252Fescape", "errorlog.log", "ERRORLOG", new string('a', 2000),
    ];

    private readonly string _replayed = ScriptEnvelope.Seal(
        $$"""{"server":"{{host}}:3306","ts":{{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}},"nonce":"{{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))}}"}""", password);

    public (string Kind, HttpRequestMessage Request) Make(int i)
    {
        var random = new Random(i);
        var kind = Kinds[i % Kinds.Length];
        var route = Routes[random.Next(Routes.Length)];
        var baseUrl = $"{apiUrl}/api/clusters/hostile/servers/{host}/3306/";
        var request = kind switch
        {
            "random bytes" => Post(baseUrl + route, RandomNumberGenerator.GetBytes(random.Next(1, 4096))),
            "truncated base64" => Post(baseUrl + route, Encoding.UTF8.GetBytes(Envelope(password)[..random.Next(5, 40)])),
            "wrong key" => Post(baseUrl + route, Encoding.UTF8.GetBytes(Envelope("guess-" + random.Next()))),
            "other cluster's password" => Post(baseUrl + route, Encoding.UTF8.GetBytes(Envelope("another-clusters-password"))),
            "replayed login" => Post(baseUrl + "secret-login", Encoding.UTF8.GetBytes(_replayed)),
            "huge body" => Post(baseUrl + route, new byte[random.Next(1, 3) << 20]),
            "path traversal" => Post(baseUrl + "write-log/" + Traversals[random.Next(Traversals.Length)], Encoding.UTF8.GetBytes(Envelope(password))),
            "unknown cluster" => Post($"{apiUrl}/api/clusters/nope{random.Next(100)}/servers/{host}/3306/{route}", Encoding.UTF8.GetBytes(Envelope(password))),
            "unknown server" => Post($"{apiUrl}/api/clusters/hostile/servers/10.{random.Next(255)}.0.1/{random.Next(1, 65536)}/{route}", Encoding.UTF8.GetBytes(Envelope(password))),
            "foreign token" => WithToken(Post(baseUrl + route, []), foreignToken),
            "garbage token" => WithToken(Post(baseUrl + route, []), Convert.ToBase64String(RandomNumberGenerator.GetBytes(random.Next(10, 300)))),
            _ => Post(baseUrl + (random.Next(2) == 0 ? "actions/job-state/errorlog/finish" : "needs/drop%20table"), []),
        };
        // A client that sends a huge body should ask first; repman then refuses it before a byte of it is sent.
        request.Headers.ExpectContinue = kind == "huge body";
        if (kind == "bad words")
            request.RequestUri = random.Next(2) == 0 ? request.RequestUri : new Uri($"{apiUrl}/api/clusters/hostile/jobs-log-level/errorlog/TRACE{random.Next(9)}");
        return (kind, request);
    }

    private string Envelope(string key) => ScriptEnvelope.Seal($"{{\"server\":\"{host}:3306\",\"log\":\"x\",\"secret\":\"{key}\"}}", key);

    private static HttpRequestMessage Post(string url, byte[] body) => new(HttpMethod.Post, url)
    {
        Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
    };

    private static HttpRequestMessage WithToken(HttpRequestMessage request, string token)
    {
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        return request;
    }
}
