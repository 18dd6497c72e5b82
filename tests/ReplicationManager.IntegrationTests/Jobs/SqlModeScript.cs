using System.Security.Cryptography;
using ReplicationManager.Core.Jobs;
using ReplicationManager.Core.Topology;
using ReplicationManager.IntegrationTests.Lab;

namespace ReplicationManager.IntegrationTests.Jobs;

/// <summary>
/// What dbjobs_new does for a streaming task in SQL mode, played by the test: asks repman for the job, takes the
/// pending row, streams the payload with socat from the host's address, reports size and digest.
/// </summary>
internal static class SqlModeScript
{
    /// <returns>The job's id and whether socat sent the whole payload (a receiver that fails cuts it short).</returns>
    public static async Task<(long Id, bool Sent)> RunAsync(RepmanApiClient api, string cluster, LabHost host, string action, string payload, CancellationToken ct)
    {
        var server = new ServerAddress(host.Address, host.Port);
        var id = await api.StartJobAsync(cluster, server, action, ct);
        await using var rows = await JobsHarness.CreateAsync(keepRows: true);
        var row = await rows.WaitForRowAsync(server, id, candidate => candidate.State == JobState.Pending && candidate.Port > 0, ct);
        await rows.SetRowAsync(server, id, JobState.Processing, "processing", ct);
        var (sent, _) = await JobsHarness.TrySendWithSocatAsync(payload, host, row, ct);
        var sha = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(payload, ct)));
        await rows.SetRowAsync(server, id, sent ? JobState.Finished : JobState.Error,
            sent ? $"size={new FileInfo(payload).Length} sha256={sha}" : "socat: the receiver closed the connection", ct);
        return (id, sent);
    }
}
