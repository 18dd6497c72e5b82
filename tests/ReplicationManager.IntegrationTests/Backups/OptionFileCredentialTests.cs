using ReplicationManager.Core.Backups;
using ReplicationManager.Core.Jobs.Local;
using ReplicationManager.IntegrationTests.Lab;
using ReplicationManager.IntegrationTests.LocalTaskLab;
using ReplicationManager.IntegrationTests.MariaDb;
using ReplicationManager.MariaDb;

namespace ReplicationManager.IntegrationTests.Backups;

/// <summary>The option file carries a password with every character an option file treats specially, to both tools.</summary>
public sealed class OptionFileCredentialTests
{
    private const string Password = "pa\"ss\\w #rd:x'y ";

    [Theory(Timeout = 120_000)]
    [InlineData("mysqldump")]
    [InlineData("mydumper")]
    public async Task APasswordWithQuotesBackslashesHashesAndSpacesReachesTheTool(string tool)
    {
        var ct = TestContext.Current.CancellationToken;
        var lab = LabEnvironment.Require();
        await using var schema = await TestSchema.CreateAsync(lab, ct);
        var user = $"bk_{Guid.NewGuid():N}"[..16];
        await using (var primary = await LabConnections.OpenPrimaryAsync(lab, ct))
        {
            await primary.ExecuteAsync($"CREATE USER {Sql.Identifier(user)}@'%' IDENTIFIED BY {Password}", ct);
            await primary.ExecuteAsync($"GRANT ALL PRIVILEGES ON *.* TO {Sql.Identifier(user)}@'%'", ct);
        }
        try
        {
            var escaped = $"{user}:{Password}".Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
            using var tasks = new TaskLab(lab, $"""
                db-servers-credential = "{escaped}"
                backup-mysqldump-options = "--single-transaction --databases {schema.Name}"
                backup-mydumper-options = "--trx-consistency-only --database {schema.Name}"
                """);
            Assert.Equal(Password, tasks.Cluster.Monitoring.Credential.Password);

            var outcome = await LocalTasks.For(tool)!.RunAsync(tasks.ContextFor(lab.Primary), ct);

            Assert.True(outcome.Succeeded, outcome.Result);
            Assert.Single(BackupCatalog.List(tasks.BackupDirectory(lab.Primary), tool));
            Assert.DoesNotContain(tasks.Logger.Lines, line => line.Contains(Password.Trim(), StringComparison.Ordinal));
        }
        finally
        {
            await using var primary = await LabConnections.OpenPrimaryAsync(lab, CancellationToken.None);
            await primary.ExecuteAsync($"DROP USER IF EXISTS {Sql.Identifier(user)}@'%'", CancellationToken.None);
        }
    }
}
