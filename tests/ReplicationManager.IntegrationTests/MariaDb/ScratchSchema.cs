using ReplicationManager.IntegrationTests.Lab;
using ReplicationManager.MariaDb;

namespace ReplicationManager.IntegrationTests.MariaDb;

/// <summary>A database of its own on the lab primary for one test, dropped afterwards.</summary>
internal sealed class ScratchSchema : IAsyncDisposable
{
    private ScratchSchema(MariaDbConnection connection, string name)
    {
        Connection = connection;
        Name = name;
    }

    /// <summary>A connection to the primary whose default database is the scratch schema.</summary>
    public MariaDbConnection Connection { get; }

    public string Name { get; }

    private LabEnvironment Lab { get; init; } = null!;

    public static async Task<ScratchSchema> CreateAsync(LabEnvironment lab, CancellationToken cancellationToken)
    {
        var name = $"client_{Guid.NewGuid():N}"[..20];
        await using (var admin = await LabConnections.OpenPrimaryAsync(lab, cancellationToken))
            await admin.ExecuteAsync($"CREATE DATABASE {Sql.Identifier(name)} CHARACTER SET utf8mb4", cancellationToken);
        var connection = await MariaDbConnection.OpenAsync(LabConnections.Options(lab, lab.Primary) with { Database = name }, cancellationToken);
        return new ScratchSchema(connection, name) { Lab = lab };
    }

    public async ValueTask DisposeAsync()
    {
        await Connection.DisposeAsync();
        await using var admin = await LabConnections.OpenPrimaryAsync(Lab, CancellationToken.None);
        await admin.ExecuteAsync($"DROP DATABASE IF EXISTS {Sql.Identifier(Name)}", CancellationToken.None);
    }
}
