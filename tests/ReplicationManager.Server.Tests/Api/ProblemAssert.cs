using System.Net;
using System.Text.Json;

namespace ReplicationManager.Server.Tests.Api;

/// <summary>Checks that an answer is an RFC 7807 problem with the expected status, and returns its detail.</summary>
internal static class ProblemAssert
{
    public static async Task<JsonElement> IsProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(body);
        Assert.Equal((int)status, json.RootElement.GetProperty("status").GetInt32());
        return json.RootElement.Clone();
    }

    public static async Task<string> DetailAsync(HttpResponseMessage response, HttpStatusCode status) =>
        (await IsProblemAsync(response, status)).GetProperty("detail").GetString()!;
}
