namespace ReplicationManager.Server.Tests.Fakes;

/// <summary>One host and an admin token shared by the cases of a theory that does not change the host's state.</summary>
public sealed class ApiHostFixture : IAsyncLifetime
{
    internal ApiTestHost Host { get; private set; } = null!;

    internal string Token { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        Host = await ApiTestHost.StartAsync();
        Token = await Host.TokenAsync();
    }

    public async ValueTask DisposeAsync() => await Host.DisposeAsync();
}
