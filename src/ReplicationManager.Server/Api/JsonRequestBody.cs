namespace ReplicationManager.Server.Api;

/// <summary>
/// Endpoint metadata: the handler reads this JSON body itself (see <see cref="JsonBody"/>). Unlike <c>Accepts</c>, it
/// does not make routing refuse other content types, so <c>curl -d</c> still works; it only documents the body.
/// </summary>
internal sealed record JsonRequestBody(Type Type);
