using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ReplicationManager.Server.Api;

/// <summary>
/// Reads a small JSON body with a hard size limit, whatever its Content-Type (operators post with <c>curl -d</c>,
/// which sends form encoding). A bad body is a problem with the parser's own words, never an exception.
/// </summary>
internal static class JsonBody
{
    public const int DefaultLimit = 16 * 1024;

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static async Task<(T? Value, ProblemHttpResult? Problem)> ReadAsync<T>(HttpRequest request, int limit, CancellationToken cancellationToken)
        where T : class
    {
        if (request.ContentLength > limit)
            return (null, ApiProblems.BodyTooLarge(limit));
        var body = new ArrayBufferWriter<byte>();
        try
        {
            while (true)
            {
                var memory = body.GetMemory(4096);
                var read = await request.Body.ReadAsync(memory, cancellationToken);
                if (read == 0)
                    break;
                body.Advance(read);
                if (body.WrittenCount > limit)
                    return (null, ApiProblems.BodyTooLarge(limit));
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, ApiProblems.BodyTooLarge(limit));
        }
        catch (BadHttpRequestException ex)
        {
            return (null, ApiProblems.BadRequest($"the request body could not be read: {ex.Message}"));
        }
        if (body.WrittenCount == 0)
            return (null, ApiProblems.BadRequest("the request body is empty: send a JSON object"));
        try
        {
            var value = JsonSerializer.Deserialize<T>(body.WrittenSpan, Options);
            return value is null
                ? (null, ApiProblems.BadRequest("the request body is JSON null: send a JSON object"))
                : (value, null);
        }
        catch (JsonException ex)
        {
            return (null, ApiProblems.BadRequest($"the request body is not the expected JSON: {ex.Message}"));
        }
    }
}
