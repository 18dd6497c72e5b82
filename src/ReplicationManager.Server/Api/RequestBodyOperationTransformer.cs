using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace ReplicationManager.Server.Api;

/// <summary>Documents the JSON body of endpoints marked with <see cref="JsonRequestBody"/>.</summary>
internal sealed class RequestBodyOperationTransformer : IOpenApiOperationTransformer
{
    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<JsonRequestBody>().LastOrDefault() is not { } body)
            return;
        var schema = await context.GetOrCreateSchemaAsync(body.Type, null, cancellationToken);
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = schema } },
        };
    }
}
