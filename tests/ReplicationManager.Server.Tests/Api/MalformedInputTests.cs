using System.Net;
using System.Text;
using ReplicationManager.Core.Topology;
using ReplicationManager.Server.Tests.Fakes;

namespace ReplicationManager.Server.Tests.Api;

/// <summary>
/// Every mapped route, given what a careless or hostile client sends, answers a clear 4xx problem and never a 5xx.
/// The only 503s allowed are the proxy checks' own answers (text/plain, replication-manager's bodies).
/// </summary>
public sealed class MalformedInputTests(ApiHostFixture fixture) : IClassFixture<ApiHostFixture>
{
    private static readonly string[] AllMethods = ["GET", "POST", "PUT", "DELETE", "PATCH"];

    private static readonly string[] HostileNames =
    [
        // A whole ".." segment (or %2e%2e) is resolved by the client and by Kestrel before routing (it names another
        // path, legitimately), and %00 is refused before routing; what reaches repman are the forms below.
        "..%2F..%2Fetc%2Fpasswd", "%2E%2E%2F", "...", "a%2Fb", "a%5Cb", "%25", "nope", "' OR 1=1 --", "%E2%80%AE",
        new string('x', 3000),
    ];

    public static TheoryData<string, string, string> Cases()
    {
        var cases = new TheoryData<string, string, string>();
        foreach (var route in RouteTable.Routes)
        {
            foreach (var method in AllMethods.Except(route.Methods))
                cases.Add(route.Pattern, method, "wrong method");
            var method0 = route.Methods[0];
            if (route.Access.RequiresToken)
                cases.Add(route.Pattern, method0, "no token");
            foreach (var parameter in Parameters(route.Pattern))
            {
                foreach (var (name, _) in HostileNames.Select((n, i) => (n, i)))
                    cases.Add(route.Pattern, method0, $"{parameter}={name}");
            }
            if (route.Pattern.Contains("{port}", StringComparison.Ordinal))
            {
                foreach (var port in new[] { "0", "-1", "65536", "99999999999999999999", "0x10", "3306.5" })
                    cases.Add(route.Pattern, method0, $"port={port}");
            }
            if (route.TakesBody)
            {
                foreach (var body in new[] { "bad json", "array", "oversized", "empty", "wrong types" })
                    cases.Add(route.Pattern, "POST", "body: " + body);
            }
        }
        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task AnswersA4xxProblemNeverA5xx(string pattern, string method, string malformation)
    {
        var host = fixture.Host;
        var token = fixture.Token;
        var values = new Dictionary<string, string>
        {
            ["cluster"] = LabSnapshots.Cluster,
            ["id"] = ServerIdentity.IdOf(LabSnapshots.Replica2),
            ["host"] = LabSnapshots.Replica2.Host,
            ["port"] = "3306",
            ["setting"] = "scheduler-db-servers-analyze",
            ["task"] = "errorlog",
            ["state"] = "processing",
            ["level"] = "INFO",
            ["mode"] = "api",
            ["method"] = "physicalbackup",
            ["**value"] = "0%200%201%20*%20*%20*",
        };
        string? body = null;
        if (malformation.StartsWith("body: ", StringComparison.Ordinal))
            body = Body(malformation["body: ".Length..]);
        else if (malformation.Contains('=', StringComparison.Ordinal))
        {
            var (name, value) = (malformation[..malformation.IndexOf('=', StringComparison.Ordinal)], malformation[(malformation.IndexOf('=', StringComparison.Ordinal) + 1)..]);
            values[name] = value;
        }
        var path = Parameters(pattern).Aggregate(pattern, (text, name) => text.Replace("{" + name + "}", values[name], StringComparison.Ordinal));

        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (malformation != "no token")
            request.Headers.Authorization = new("Bearer", token);
        if (body is not null)
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await host.Client.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var status = (int)response.StatusCode;
        var isCheck = RouteTable.Routes.First(r => r.Pattern == pattern).IsCheck;
        var context = $"{method} {path} ({malformation}): {status} {text}";

        if (isCheck && status is 200 or 503 && response.Content.Headers.ContentType?.MediaType == "text/plain")
        {
            Assert.True(text is "No cluster" || text.StartsWith($"{status} -", StringComparison.Ordinal), context);
            return;
        }
        Assert.True(status is >= 400 and < 500, context);
        Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json", context);
        Assert.Contains("\"detail\"", text, StringComparison.Ordinal);
        if (malformation == "wrong method")
            Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        if (malformation == "no token")
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public void TheRouteTableHoldsEveryKindOfRoute()
    {
        Assert.Contains(RouteTable.Routes, r => r.IsCheck);
        Assert.Contains(RouteTable.Routes, r => r.TakesBody);
        Assert.Contains(RouteTable.Routes, r => r.Access.Grant is not null);
        Assert.All(RouteTable.Routes, r => Assert.NotEmpty(r.Methods));
    }

    private static IEnumerable<string> Parameters(string pattern) =>
        pattern.Split('/').Where(s => s.StartsWith('{')).Select(s => s.Trim('{', '}'));

    private static string Body(string kind) => kind switch
    {
        "bad json" => "{\"username\":",
        "array" => "[\"admin\",\"x\"]",
        "oversized" => "{\"username\":\"" + new string('a', 200_000) + "\"}",
        "empty" => "",
        "wrong types" => "{\"username\":{},\"password\":[]}",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
