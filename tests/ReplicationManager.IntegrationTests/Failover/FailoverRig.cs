using ReplicationManager.IntegrationTests.Api;
using ReplicationManager.IntegrationTests.Jobs;

namespace ReplicationManager.IntegrationTests.Failover;

/// <summary>
/// What every failover test starts from: a fresh failover lab, repman running on it with the test's extra settings,
/// logged in, having seen db1 as the primary. Disposed in reverse: repman killed, its directory and the lab removed.
/// </summary>
internal sealed class FailoverRig : IAsyncDisposable
{
    private FailoverRig(FailoverLab lab, RepmanTestConfig config)
    {
        Lab = lab;
        Config = config;
    }

    public FailoverLab Lab { get; }

    public RepmanTestConfig Config { get; }

    public RepmanServerProcess Repman { get; private set; } = null!;

    public RepmanApiClient Api { get; private set; } = null!;

    public static async Task<FailoverRig> StartAsync(string extra, CancellationToken ct)
    {
        var lab = await FailoverLab.StartAsync(ct);
        var rig = new FailoverRig(lab, new RepmanTestConfig(lab.ClusterSection(extra)));
        try
        {
            await rig.StartRepmanAsync(ct);
            await FailoverChecks.WaitForPrimaryAsync(rig.Api, lab.Lab.Hosts[0], ct);
            return rig;
        }
        catch
        {
            await rig.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts repman (again, after <see cref="KillRepmanAsync"/>) on the same configuration and data.</summary>
    public async Task StartRepmanAsync(CancellationToken ct)
    {
        Repman = await RepmanServerProcess.StartAsync(Config.ConfigPath, Config.HttpPort, ct);
        Api = await RepmanApiClient.LoginAsync(Config, ct);
    }

    /// <summary>Kills repman as kill -9 would: no shutdown code runs.</summary>
    public async Task KillRepmanAsync()
    {
        Api.Dispose();
        await Repman.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Api?.Dispose();
        if (Repman is not null)
            await Repman.DisposeAsync();
        Config.Dispose();
        await Lab.DisposeAsync();
    }
}
