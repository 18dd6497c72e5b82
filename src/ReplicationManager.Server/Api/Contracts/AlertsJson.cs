using System.Text.Json.Serialization;
using ReplicationManager.Core.Jobs;

namespace ReplicationManager.Server.Api.Contracts;

/// <summary>
/// The open states of a cluster (Go's <c>cluster.Alerts</c>): errors and warnings, each with its number, text and
/// origin, and (repman) the server it concerns. Today the job system raises them: jobs in flight, jobs tables kept
/// in API mode, hosts whose job script needs an upgrade.
/// </summary>
public sealed record AlertsJson(
    [property: JsonPropertyName("errors")] IReadOnlyList<JobWarning> Errors,
    [property: JsonPropertyName("warnings")] IReadOnlyList<JobWarning> Warnings);
