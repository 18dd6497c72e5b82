using System.Text.Json;
using ReplicationManager.Server.Hosting;
using ReplicationManager.Server.Tests.Fakes;

namespace ReplicationManager.Server.Tests.Api;

public sealed class OpenApiTests
{
    [Fact]
    public async Task TheDocumentListsExactlyTheMappedRoutes()
    {
        await using var host = await ApiTestHost.StartAsync();
        using var response = await host.GetAsync(RepmanApiExtensions.OpenApiPath, token: null);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var documented = document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject()
                .Where(operation => operation.Name is "get" or "post" or "put" or "delete" or "patch" or "head" or "options")
                .Select(operation => $"{operation.Name.ToUpperInvariant()} {path.Name}"))
            .Order(StringComparer.Ordinal)
            .ToList();
        var mapped = RouteTable.Routes
            .Where(route => route.Pattern != RepmanApiExtensions.OpenApiPath)
            // OpenAPI has no catch-all parameters: {**value} is documented as {value}.
            .SelectMany(route => route.Methods.Select(method => $"{method} {route.Pattern.Replace("{**", "{", StringComparison.Ordinal)}"))
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.Equal(mapped, documented);
    }

    [Fact]
    public async Task EachOperationSaysWhoMayCallIt()
    {
        await using var host = await ApiTestHost.StartAsync();
        using var response = await host.GetAsync(RepmanApiExtensions.OpenApiPath, token: null);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var variables = document.RootElement.GetProperty("paths").GetProperty("/api/clusters/{cluster}/servers/{id}/variables").GetProperty("get");
        Assert.Contains("'db-show-variables'", variables.GetProperty("description").GetString(), StringComparison.Ordinal);
        var login = document.RootElement.GetProperty("paths").GetProperty("/api/login").GetProperty("post");
        Assert.True(login.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _));
        Assert.Contains("Public", login.GetProperty("description").GetString(), StringComparison.Ordinal);
    }
}
