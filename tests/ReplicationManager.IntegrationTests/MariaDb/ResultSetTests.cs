using ReplicationManager.IntegrationTests.Lab;
using ReplicationManager.MariaDb;

namespace ReplicationManager.IntegrationTests.MariaDb;

public sealed class ResultSetTests
{
    [Theory(Timeout = 60_000)]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ReadsSeveralResultSetsOfABatch(bool deprecateEof)
    {
        var ct = TestContext.Current.CancellationToken;
        var lab = LabEnvironment.Require();
        await using var db = await MariaDbConnection.OpenAsync(LabConnections.Options(lab, lab.Primary) with { UseDeprecateEof = deprecateEof }, ct);
        Assert.Equal(deprecateEof, db.Server.Capabilities.HasFlag(MariaDbCapabilities.DeprecateEof));

        await using var reader = await db.ExecuteReaderAsync($"SELECT 1 AS a; DO 0; SELECT 'x' AS b, NULL AS c UNION ALL SELECT 'y', 2; SET @q = 1", ct);

        Assert.Equal("a", reader.Columns[0].Name);
        Assert.True(await reader.ReadAsync(ct));
        Assert.Equal(1, reader["a"].GetInt32());
        Assert.False(await reader.ReadAsync(ct));
        Assert.True(await reader.NextResultAsync(ct));
        Assert.Equal(["b", "c"], reader.Columns.Select(column => column.Name));
        Assert.True(await reader.ReadAsync(ct));
        Assert.True(reader["c"].IsNull);
        Assert.True(await reader.ReadAsync(ct));
        Assert.Equal("y", reader["b"].GetString());
        Assert.False(await reader.ReadAsync(ct));
        Assert.False(await reader.NextResultAsync(ct));
    }

    [Fact(Timeout = 60_000)]
    public async Task ReadsTheResultSetsOfAStoredProcedureAndItsTrailingOk()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var schema = await ScratchSchema.CreateAsync(LabEnvironment.Require(), ct);
        var db = schema.Connection;
        await db.ExecuteAsync($"CREATE PROCEDURE two() BEGIN SELECT 1 AS first; SELECT 2 AS second, 3 AS third; END", ct);

        await using (var reader = await db.ExecuteReaderAsync($"CALL two()", ct))
        {
            Assert.True(await reader.ReadAsync(ct));
            Assert.Equal(1, reader["first"].GetInt32());
            Assert.True(await reader.NextResultAsync(ct));
            Assert.True(await reader.ReadAsync(ct));
            Assert.Equal(3, reader["third"].GetInt32());
            Assert.False(await reader.NextResultAsync(ct));
        }

        var rows = await db.QueryAsync($"CALL two()", ct);
        Assert.Equal(1, Assert.Single(rows)["first"].GetInt32());
        Assert.Equal(0, (await db.ExecuteAsync($"CALL two()", ct)).AffectedRows);
    }

    [Fact(Timeout = 60_000)]
    public async Task DrainsAnAbandonedReaderSoTheConnectionStaysUsable()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = await LabConnections.OpenPrimaryAsync(LabEnvironment.Require(), ct);

        await using (var reader = await db.ExecuteReaderAsync($"SELECT seq FROM mysql.seq_1_to_100000; SELECT 'second'", ct))
        {
            Assert.True(await reader.ReadAsync(ct));
            Assert.Equal(1, reader[0].GetInt32());
        }

        Assert.False(db.IsBroken);
        Assert.Equal(42, await db.QueryScalarAsync<int>($"SELECT 42", ct));
    }

    [Fact(Timeout = 60_000)]
    public async Task ReadsAllSlavesStatusOfAReplicaByColumnName()
    {
        var ct = TestContext.Current.CancellationToken;
        var lab = LabEnvironment.Require();
        await using var db = await LabConnections.OpenAsync(lab, lab.Replicas[^1], ct);

        var status = Assert.Single(await db.QueryAsync($"SHOW ALL SLAVES STATUS", ct));

        Assert.Equal(62, status.FieldCount);
        Assert.Equal(lab.Primary.Address, status["Master_Host"].GetString());
        Assert.Equal(lab.Primary.Port, status["master_port"].GetInt32());
        Assert.Equal("Yes", status["SLAVE_IO_RUNNING"].GetString());
        Assert.Equal("Yes", status["Slave_SQL_Running"].GetString());
        Assert.NotNull(status["Seconds_Behind_Master"].Get<long?>());
        Assert.Equal("", status["Connection_name"].GetString());
        Assert.True(status.TryGetValue("Gtid_Slave_Pos", out var gtid));
        Assert.False(gtid.IsNull);
        Assert.False(status.TryGetValue("No_Such_Column", out _));
    }

    [Fact(Timeout = 60_000)]
    public async Task KnowsTheServerItTalksTo()
    {
        var ct = TestContext.Current.CancellationToken;
        var lab = LabEnvironment.Require();
        await using var db = await LabConnections.OpenPrimaryAsync(lab, ct);

        await db.PingAsync(ct);

        Assert.True(db.Server.IsMariaDb);
        Assert.Equal(10, db.Server.Version.Major);
        Assert.StartsWith("10.", db.Server.VersionString, StringComparison.Ordinal);
        Assert.Equal(db.Server.ConnectionId, await db.QueryScalarAsync<long>($"SELECT CONNECTION_ID()", ct));
        Assert.Equal(lab.Primary.ServerId, await db.QueryScalarAsync<int>($"SELECT @@server_id", ct));
        Assert.Equal("mysql_native_password", db.Server.AuthenticationPlugin);
    }

    [Fact(Timeout = 60_000)]
    public async Task ConnectsThroughTheExtraPort()
    {
        var ct = TestContext.Current.CancellationToken;
        var lab = LabEnvironment.Require();

        await using var db = await MariaDbConnection.OpenAsync(LabConnections.Options(lab, lab.Primary) with { Port = lab.Primary.ExtraPort }, ct);

        Assert.Equal(lab.Primary.ServerId, await db.QueryScalarAsync<int>($"SELECT @@server_id", ct));
    }
}
