using System.Net;
using System.Net.Sockets;
using ReplicationManager.Core.Jobs;
using ReplicationManager.Core.Topology;

namespace ReplicationManager.IntegrationTests.Jobs;

public sealed class ReceiverPoolTests
{
    [Fact(Timeout = 180_000)]
    public async Task FiveTransfersThroughAPoolOfTwoPortsAllCompleteAndNeverShareAPort()
    {
        var ct = TestContext.Current.CancellationToken;
        var ports = FreePorts(2);
        await using var harness = await JobsHarness.CreateAsync($"scheduler-db-servers-sender-ports = \"{ports[0]},{ports[1]}\"");
        var db2 = harness.Lab.Replicas[0];
        var db3 = harness.Lab.Replicas[1];
        var requests = new (LabHostRef Host, string Task)[]
        {
            (new(db2), JobTasks.ErrorLog), (new(db2), JobTasks.SlowQuery), (new(db2), JobTasks.AuditLog),
            (new(db3), JobTasks.ErrorLog), (new(db3), JobTasks.SlowQuery),
        };
        var payload = harness.WriteRandomFile(2 << 20);

        var submissions = new List<(LabHostRef Host, JobSubmission Submission)>();
        foreach (var (host, task) in requests)
        {
            var submission = await harness.Engine.SubmitRemoteAsync(host.Address, task, ct);
            Assert.True(submission.IsAccepted, submission.RefusedBecause);
            submissions.Add((host, submission));
        }
        var sawWaiting = false;
        var sent = new HashSet<(ServerAddress, long)>();
        while (submissions.Any(entry => !entry.Submission.Completion!.IsCompleted))
        {
            var active = harness.Engine.Active;
            sawWaiting |= active.Any(job => job.WaitingFor == "waiting for a receiver port");
            var portsInUse = active.Where(job => job.Port != 0).Select(job => job.Port).ToList();
            Assert.Equal(portsInUse.Count, portsInUse.Distinct().Count());
            Assert.All(portsInUse, port => Assert.Contains(port, ports));
            foreach (var (host, submission) in submissions)
            {
                var id = submission.Job!.Id;
                var job = active.FirstOrDefault(candidate => candidate.Id == id && candidate.Target == host.Address);
                if (job is null || job.Port == 0 || job.State != JobState.Pending || !sent.Add((host.Address, id)))
                    continue;
                var row = await harness.WaitForRowAsync(host.Address, id, _ => true, ct);
                await harness.SetRowAsync(host.Address, id, JobState.Processing, "processing", ct);
                await JobsHarness.SendWithSocatAsync(payload, host.Host, row, ct);
                await harness.SetRowAsync(host.Address, id, JobState.Finished, $"size={2 << 20}", ct);
            }
            await harness.Engine.TickAsync(ct);
            await Task.Delay(50, ct);
        }

        var jobs = await Task.WhenAll(submissions.Select(entry => entry.Submission.Completion!));
        Assert.All(jobs, job => Assert.Equal(JobState.Success, job.State));
        Assert.True(sawWaiting, "with five transfers and two ports, some transfer must have waited for a port");
        Assert.All(jobs, job => Assert.Contains(job.Port, ports));
    }

    private static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        listeners.ForEach(listener => listener.Start());
        var ports = listeners.Select(listener => ((IPEndPoint)listener.LocalEndpoint).Port).ToArray();
        listeners.ForEach(listener => listener.Stop());
        return ports;
    }

    private sealed record LabHostRef(Lab.LabHost Host)
    {
        public ServerAddress Address => JobsHarness.AddressOf(Host);
    }
}
