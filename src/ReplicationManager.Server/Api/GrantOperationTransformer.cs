using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using ReplicationManager.Server.Api.Auth;

namespace ReplicationManager.Server.Api;

/// <summary>Writes each operation's access rule (public, any user, or the grant it needs) into the OpenAPI document.</summary>
internal sealed class GrantOperationTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var access = metadata.OfType<ApiAccess>().LastOrDefault() ?? ApiAccess.AnyUser;
        var port = metadata.OfType<CheckPortEndpoint>().Any() ? " Served on the HTTPS API port and the plain HTTP check port." : "";
        operation.Description = (access.RequiresToken
            ? access.Grant is { } grant
                ? $"Needs 'Authorization: Bearer <token>' of a user holding the grant '{grant}'."
                : "Needs 'Authorization: Bearer <token>' (any logged-in user)."
            : "Public: no token.")
            + (access.AcceptsServerSecret ? " Without a token, the body must be encrypted with the server's password (replication-manager's job scripts)." : "")
            + port;
        return Task.CompletedTask;
    }
}
