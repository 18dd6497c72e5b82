using System.Buffers;
using System.Text;

namespace ReplicationManager.Server.Api.JobScript;

/// <summary>Reads a job script's body, whatever its content type, up to <see cref="Limit"/> bytes.</summary>
internal static class ScriptRequestBody
{
    /// <summary>No job-script call is larger: a log batch is a few lines.</summary>
    public const int Limit = 256 * 1024;

    public static async Task<(byte[]? Body, IResult? Problem)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > Limit)
            return (null, ApiProblems.BodyTooLarge(Limit));
        var body = new ArrayBufferWriter<byte>();
        try
        {
            while (true)
            {
                var read = await request.Body.ReadAsync(body.GetMemory(8192), cancellationToken);
                if (read == 0)
                    break;
                body.Advance(read);
                if (body.WrittenCount > Limit)
                    return (null, ApiProblems.BodyTooLarge(Limit));
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, ApiProblems.BodyTooLarge(Limit));
        }
        catch (BadHttpRequestException ex)
        {
            return (null, ApiProblems.BadRequest($"the request body could not be read: {ex.Message}"));
        }
        return (body.WrittenSpan.ToArray(), null);
    }

    public static string Text(byte[] body) => Encoding.UTF8.GetString(body);
}
