using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ReplicationManager.Core.Topology;
using ReplicationManager.Server.Tests.Fakes;

namespace ReplicationManager.Server.Tests.Api;

/// <summary><c>/api/events</c>: what a dashboard or <c>replication-manager-cli events</c> reads, and <c>/api/whoami</c>.</summary>
public sealed class LiveEventsTests
{
    [Fact]
    public async Task TheStreamOpensWithTheUserThenTheClustersServersAndAlerts()
    {
        await using var host = await ApiTestHost.StartAsync();
        await using var events = await EventReader.OpenAsync(host, await host.TokenAsync());

        var hello = await events.NextAsync("hello");
        Assert.Equal("admin", hello.GetProperty("user").GetString());
        Assert.Contains("cluster-process", hello.GetProperty("grants").EnumerateArray().Select(g => g.GetString()));
        var clusters = await events.NextAsync("clusters");
        Assert.Equal("lab", clusters[0].GetProperty("name").GetString());
        var servers = await events.NextAsync("servers");
        Assert.Equal("lab", servers.GetProperty("cluster").GetString());
        Assert.Equal(3, servers.GetProperty("servers").GetArrayLength());
        Assert.Equal("Master", servers.GetProperty("servers")[0].GetProperty("state").GetString());
        Assert.Equal(0, servers.GetProperty("problems").GetArrayLength());
        var alerts = await events.NextAsync("alerts");
        Assert.Equal(0, alerts.GetProperty("alerts").GetProperty("warnings").GetArrayLength());
    }

    [Fact]
    public async Task ANewSnapshotIsSentAsItIsPublishedWithItsProblemsAndJobsMoveTheJobsEvent()
    {
        await using var host = await ApiTestHost.StartAsync();
        await using var events = await EventReader.OpenAsync(host, await host.TokenAsync());
        await events.NextAsync("servers");

        var failed = LabSnapshots.With(LabSnapshots.ReplicaServer(LabSnapshots.Replica3, 13) with { State = ServerState.Failed }) with
        {
            Problems = [new TopologyProblem(TopologyProblemCode.ServerUnreachable, LabSnapshots.Replica3, "Server 127.0.0.13:3306 is Failed")],
        };
        host.Registry.Set(failed);

        var servers = await events.NextAsync("servers");
        Assert.Equal("Failed", servers.GetProperty("servers")[2].GetProperty("state").GetString());
        Assert.Equal("Server 127.0.0.13:3306 is Failed", servers.GetProperty("problems")[0].GetProperty("message").GetString());
        Assert.Equal("127.0.0.13:3306", servers.GetProperty("problems")[0].GetProperty("server").GetString());
    }

    [Fact]
    public async Task AUserWithoutClusterProcessGetsNoJobsAndWhoAmISaysWhichGrantsItHolds()
    {
        await using var host = await ApiTestHost.StartAsync();
        var token = await host.TokenAsync("viewer", "viewer-Pa55");
        using (var response = await host.GetAsync("/api/whoami", token))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            Assert.Equal("viewer", json.RootElement.GetProperty("user").GetString());
            Assert.DoesNotContain("cluster-process", json.RootElement.GetProperty("grants").EnumerateArray().Select(g => g.GetString()));
        }
        await using var events = await EventReader.OpenAsync(host, token);
        var seen = await events.UntilAsync("alerts");
        Assert.DoesNotContain("jobs", seen);

        await using var admin = await EventReader.OpenAsync(host, await host.TokenAsync());
        Assert.Contains("jobs", await admin.UntilAsync("jobs"));
    }

    [Fact]
    public async Task WithoutATokenTheStreamIsRefusedLikeEveryRoute()
    {
        await using var host = await ApiTestHost.StartAsync();
        using var response = await host.GetAsync("/api/events", token: null);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    /// <summary>Reads server-sent events from the test host, one block at a time.</summary>
    private sealed class EventReader : IAsyncDisposable
    {
        private readonly HttpResponseMessage _response;
        private readonly StreamReader _reader;

        private EventReader(HttpResponseMessage response, StreamReader reader)
        {
            _response = response;
            _reader = reader;
        }

        public static async Task<EventReader> OpenAsync(ApiTestHost host, string token)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/api/events");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var response = await host.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
            var stream = await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken);
            return new EventReader(response, new StreamReader(stream, Encoding.UTF8));
        }

        /// <summary>The data of the next event of <paramref name="type"/>, skipping others.</summary>
        public async Task<JsonElement> NextAsync(string type)
        {
            while (true)
            {
                var (eventType, data) = await ReadAsync();
                if (eventType == type)
                    return JsonDocument.Parse(data).RootElement.Clone();
            }
        }

        /// <summary>The types of the events read up to and including the first of <paramref name="type"/>.</summary>
        public async Task<List<string>> UntilAsync(string type)
        {
            var seen = new List<string>();
            while (true)
            {
                var (eventType, _) = await ReadAsync();
                seen.Add(eventType);
                if (eventType == type)
                    return seen;
            }
        }

        private async Task<(string Type, string Data)> ReadAsync()
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(30));
            string type = "message";
            var data = new StringBuilder();
            while (await _reader.ReadLineAsync(timeout.Token) is { } line)
            {
                if (line.Length == 0 && data.Length > 0)
                    return (type, data.ToString());
                if (line.StartsWith("event: ", StringComparison.Ordinal))
                    type = line["event: ".Length..];
                else if (line.StartsWith("data: ", StringComparison.Ordinal))
                    data.Append(line["data: ".Length..]);
            }
            throw new InvalidOperationException("the event stream ended");
        }

        public ValueTask DisposeAsync()
        {
            _reader.Dispose();
            _response.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
