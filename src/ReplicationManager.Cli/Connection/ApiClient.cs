using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;

namespace ReplicationManager.Cli.Connection;

/// <summary>
/// repman's REST API as the CLI uses it: a cached token (a login only when there is none or it expired), every
/// refusal turned into a <see cref="CliException"/> that says what to do next.
/// </summary>
public sealed class ApiClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly Endpoint _endpoint;
    private readonly TokenCache _tokens;

    public ApiClient(Endpoint endpoint, TokenCache tokens)
    {
        _endpoint = endpoint;
        _tokens = tokens;
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = TimeSpan.FromSeconds(10),
            SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = CertificateCheck(endpoint) },
        };
        _http = new HttpClient(handler) { BaseAddress = endpoint.BaseAddress, Timeout = Timeout.InfiniteTimeSpan };
    }

    public Endpoint Endpoint => _endpoint;

    public async Task<JsonElement> GetAsync(string path, CancellationToken cancellationToken) =>
        await SendAsync(HttpMethod.Get, path, cancellationToken);

    public async Task<JsonElement> PostAsync(string path, CancellationToken cancellationToken) =>
        await SendAsync(HttpMethod.Post, path, cancellationToken);

    public async Task<JsonElement> SendAsync(HttpMethod method, string path, CancellationToken cancellationToken)
    {
        using var response = await SendWithTokenAsync(() => new HttpRequestMessage(method, path), HttpCompletionOption.ResponseContentRead, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw Refusal(response.StatusCode, text, $"{method} {path}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>The server-sent events of <c>/api/events</c>, until the token is cancelled or repman closes the stream.</summary>
    public async IAsyncEnumerable<(string Type, JsonElement Data)> EventsAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var response = await SendWithTokenAsync(() =>
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/api/events");
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
            return request;
        }, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw Refusal(response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken), "GET /api/events");
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken), Encoding.UTF8);
        var type = "message";
        var data = new StringBuilder();
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0)
            {
                if (data.Length > 0)
                    yield return (type, JsonDocument.Parse(data.ToString()).RootElement.Clone());
                type = "message";
                data.Clear();
            }
            else if (line.StartsWith("event:", StringComparison.Ordinal))
                type = line["event:".Length..].Trim();
            else if (line.StartsWith("data:", StringComparison.Ordinal))
                data.Append(line["data:".Length..].TrimStart());
        }
    }

    private async Task<HttpResponseMessage> SendWithTokenAsync(Func<HttpRequestMessage> request, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        var token = _tokens.Find(_endpoint.Key);
        var cached = token is not null;
        token ??= await LoginAsync(cancellationToken);
        var response = await SendRawAsync(request(), token, completion, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Unauthorized || !cached)
            return response;
        // The cached token expired or the signing key changed: log in once more.
        response.Dispose();
        _tokens.Save(_endpoint.Key, null);
        token = await LoginAsync(cancellationToken);
        return await SendRawAsync(request(), token, completion, cancellationToken);
    }

    private async Task<string> LoginAsync(CancellationToken cancellationToken)
    {
        var password = _endpoint.Password ?? Endpoint.DefaultPassword;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/login")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { username = _endpoint.User, password }), Encoding.UTF8, "application/json"),
        };
        using var response = await SendRawAsync(request, null, HttpCompletionOption.ResponseContentRead, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            throw new CliException(ExitCodes.LoginRefused, $"login refused for '{_endpoint.User}' at {_endpoint.BaseAddress}: {Detail(text)}",
                $"check --user and --password (or ${ConnectionOptions.PasswordVariable})");
        if (!response.IsSuccessStatusCode)
            throw Refusal(response.StatusCode, text, "POST /api/login");
        var token = JsonDocument.Parse(text).RootElement.GetProperty("token").GetString()!;
        _tokens.Save(_endpoint.Key, token);
        return token;
    }

    private async Task<HttpResponseMessage> SendRawAsync(HttpRequestMessage request, string? token, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        using (request)
        {
            if (token is not null)
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            try
            {
                return await _http.SendAsync(request, completion, cancellationToken);
            }
            catch (HttpRequestException ex) when (ex.InnerException is AuthenticationException)
            {
                throw new CliException(ExitCodes.Unreachable, $"the certificate of {_endpoint.BaseAddress} is not trusted ({ex.InnerException.Message})",
                    "pass --cert <monitoring-datadir>/api-selfsigned-cert.pem (repman's self-signed certificate), or --insecure");
            }
            catch (HttpRequestException ex)
            {
                throw new CliException(ExitCodes.Unreachable, $"cannot reach replication-manager at {_endpoint.BaseAddress}: {ex.Message}",
                    "is it running? check --host and --port (api-port)");
            }
        }
    }

    private static CliException Refusal(HttpStatusCode status, string body, string what)
    {
        var detail = Detail(body);
        return status switch
        {
            HttpStatusCode.Forbidden => new CliException(ExitCodes.Refused, detail, "ask for the grant named, in api-credentials-acl-allow"),
            HttpStatusCode.Conflict => new CliException(ExitCodes.Refused, detail),
            HttpStatusCode.TooManyRequests => new CliException(ExitCodes.Refused, detail, "wait, then log in again"),
            HttpStatusCode.NotFound => new CliException(ExitCodes.NotFound, detail, "list what exists with: replication-manager-cli status, or topology"),
            HttpStatusCode.BadRequest => new CliException(ExitCodes.Failed, detail),
            HttpStatusCode.Unauthorized => new CliException(ExitCodes.LoginRefused, detail, "log in again with --password"),
            _ => new CliException(ExitCodes.Failed, $"{what} answered {(int)status}: {detail}"),
        };
    }

    /// <summary>The problem's detail (or title), else the body itself.</summary>
    private static string Detail(string body)
    {
        try
        {
            var json = JsonDocument.Parse(body).RootElement;
            if (json.ValueKind == JsonValueKind.Object)
            {
                if (json.TryGetProperty("detail", out var detail) && detail.GetString() is { Length: > 0 } text)
                    return text;
                if (json.TryGetProperty("title", out var title) && title.GetString() is { Length: > 0 } heading)
                    return heading;
            }
        }
        catch (JsonException)
        {
        }
        return body.Length == 0 ? "no details" : body.Trim();
    }

    private static RemoteCertificateValidationCallback CertificateCheck(Endpoint endpoint)
    {
        if (endpoint.Insecure)
#pragma warning disable CA5359 // The operator asked for it with --insecure (replication-manager's CLI never checks).
            return (_, _, _, _) => true;
#pragma warning restore CA5359
        if (endpoint.Cert is not { } path)
            return (_, _, _, errors) => errors == SslPolicyErrors.None;
        if (!File.Exists(path))
            throw new CliException(ExitCodes.Usage, $"--cert {path}: no such file");
        var trusted = X509CertificateLoader.LoadCertificateFromFile(path);
        return (_, certificate, _, errors) =>
        {
            if (errors == SslPolicyErrors.None)
                return true;
            // The certificate given is repman's own (pinned), or the CA that signed it.
            if (certificate is null)
                return false;
            using var presented = new X509Certificate2(certificate);
            if (presented.RawDataMemory.Span.SequenceEqual(trusted.RawDataMemory.Span))
                return true;
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(trusted);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            return chain.Build(presented) && (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) == SslPolicyErrors.None;
        };
    }

    public void Dispose() => _http.Dispose();
}
