using ReplicationManager.IntegrationTests.Lab;

namespace ReplicationManager.IntegrationTests.LocalTaskLab;

/// <summary>
/// The empty standalone lab host 127.0.0.19 (<c>lab.sh fresh 9</c>) for one test, dropped afterwards; with a size, its
/// folder is a tmpfs of that many MB (a host whose disk is nearly full).
/// </summary>
internal sealed class FreshHost : IAsyncDisposable
{
    private const string Index = "9";

    private readonly LabEnvironment _lab;

    private FreshHost(LabEnvironment lab, LabHost host)
    {
        _lab = lab;
        Host = host;
    }

    public LabHost Host { get; }

    public static async Task<FreshHost> CreateAsync(LabEnvironment lab, CancellationToken cancellationToken, int? sizeMb = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await lab.RunLabAsync(cancellationToken, sizeMb is { } size
                    ? ["fresh", Index, size.ToString(System.Globalization.CultureInfo.InvariantCulture)]
                    : ["fresh", Index]);
                break;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                // A host dropped a moment ago (by the previous test) can still hold its address while it goes away.
                await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
            }
        }
        var host = LabEnvironment.Reload().FreshHosts.Single(fresh => fresh.Index == int.Parse(Index, System.Globalization.CultureInfo.InvariantCulture));
        return new FreshHost(lab, host);
    }

    public async ValueTask DisposeAsync() => await _lab.RunLabAsync(CancellationToken.None, "drop", Index);
}
