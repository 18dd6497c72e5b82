using System.Text.Json;
using ReplicationManager.Core.Jobs;
using ReplicationManager.Core.Topology;

namespace ReplicationManager.Server.Api.JobScript;

/// <summary>
/// One authenticated call of a job script: the cluster's jobs side, the server it runs on, and its body, decrypted
/// (<see cref="Body"/>, the JSON object of an envelope) or as sent (<see cref="Text"/>, for a plain result text).
/// </summary>
/// <param name="ByServerSecret">The caller sent no token: its body proved the server's password (replication-manager's scripts).</param>
internal sealed record ScriptCall(ClusterJobs Jobs, ServerAddress Server, JsonElement? Body, string? Text, bool ByServerSecret);
