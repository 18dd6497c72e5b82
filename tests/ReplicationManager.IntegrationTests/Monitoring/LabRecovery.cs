using ReplicationManager.IntegrationTests.Lab;

namespace ReplicationManager.IntegrationTests.Monitoring;

/// <summary>Puts a lab host back the way other tests expect it: started, and replicating again.</summary>
internal static class LabRecovery
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    public static async Task StartAndWaitForReplicationAsync(LabEnvironment lab, LabHost host)
    {
        using var timeout = new CancellationTokenSource(Deadline);
        await lab.RunLabAsync(timeout.Token, "start", host.Name);
        while (true)
        {
            try
            {
                // lab.sh status exits 0 only when every host is up and replicating.
                await lab.RunLabAsync(timeout.Token, "status");
                return;
            }
            catch (InvalidOperationException) when (!timeout.IsCancellationRequested)
            {
                await Task.Delay(200, timeout.Token);
            }
        }
    }
}
