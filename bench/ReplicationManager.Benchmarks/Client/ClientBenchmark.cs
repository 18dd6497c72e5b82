using System.Diagnostics;
using ReplicationManager.MariaDb;

namespace ReplicationManager.Benchmarks.Client;

/// <summary>
/// repman's MariaDB client against the <c>mariadb</c> CLI on the same work and the same server: (a) the round trip
/// of <c>SELECT 1</c> over one connection, (b) rows per second of a streamed million-row result. The two sides are
/// measured in turns, best of several, so that a busy machine slows both alike.
/// </summary>
internal static class ClientBenchmark
{
    private const int RoundTrips = 2000;
    private const int Repeats = 7;
    private const string MillionRows = "SELECT seq, CONCAT('row-', seq) FROM mysql.seq_1_to_1000000";

    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        if (LabTarget.Load() is not { } target)
        {
            Console.Error.WriteLine("client: no lab is up (lab.env missing); start one with: lab/lab.sh up");
            return 1;
        }
        Console.WriteLine($"client: against {target}, TLS off on both sides, best of {Repeats}, taken in turns");
        var options = new MariaDbConnectOptions
        {
            Host = target.Host,
            Port = target.Port,
            User = target.User,
            Password = target.Password,
            Tls = new MariaDbTlsOptions { Mode = MariaDbTlsMode.Disabled },
        };
        using var cli = new MariaDbCli(target);
        await RoundTripAsync(options, cli, cancellationToken);
        await RowsAsync(options, cli, cancellationToken);
        await MonitoringTickAsync(options, cancellationToken);
        return 0;
    }

    private static async Task RoundTripAsync(MariaDbConnectOptions options, MariaDbCli cli, CancellationToken cancellationToken)
    {
        await using var connection = await MariaDbConnection.OpenAsync(options, cancellationToken);
        await SelectOneAsync(connection, RoundTrips, cancellationToken);
        var one = Path.GetTempFileName();
        var many = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(one, "SELECT 1;\n", cancellationToken);
            await File.WriteAllTextAsync(many, string.Concat(Enumerable.Repeat("SELECT 1;\n", RoundTrips)), cancellationToken);
            var ours = Measurement.Worst;
            var (cliOne, cliMany) = (TimeSpan.MaxValue, TimeSpan.MaxValue);
            for (var repeat = 0; repeat < Repeats; repeat++)
            {
                ours = Measurement.Best(ours, await Measurement.TakeAsync(() => SelectOneAsync(connection, RoundTrips, cancellationToken)));
                cliOne = Min(cliOne, await cli.RunScriptAsync(one, cancellationToken));
                cliMany = Min(cliMany, await cli.RunScriptAsync(many, cancellationToken));
            }
            var theirs = (cliMany - cliOne) / (RoundTrips - 1);
            var perQuery = ours.Elapsed / RoundTrips;
            Report("client.roundtrip", $"{Micros(perQuery)} µs", $"{Micros(theirs)} µs", theirs / perQuery);
            Console.WriteLine(
                $"client.roundtrip.cost  ours {Micros(ours.Cpu / RoundTrips)} µs CPU and {ours.Allocated / RoundTrips} bytes allocated per query");
        }
        finally
        {
            File.Delete(one);
            File.Delete(many);
        }
    }

    private static async Task RowsAsync(MariaDbConnectOptions options, MariaDbCli cli, CancellationToken cancellationToken)
    {
        await using var connection = await MariaDbConnection.OpenAsync(options, cancellationToken);
        await ReadEveryValueAsync(connection, cancellationToken);
        var ours = Measurement.Worst;
        var (cliOne, cliAll) = (TimeSpan.MaxValue, TimeSpan.MaxValue);
        for (var repeat = 0; repeat < Repeats; repeat++)
        {
            ours = Measurement.Best(ours, await Measurement.TakeAsync(() => ReadEveryValueAsync(connection, cancellationToken)));
            cliOne = Min(cliOne, await cli.RunQueryAsync("SELECT 1", cancellationToken));
            cliAll = Min(cliAll, await cli.RunQueryAsync(MillionRows, cancellationToken));
        }
        var theirs = cliAll - cliOne;
        Report("client.rows", $"{RowsPerSecond(ours.Elapsed)} M rows/s", $"{RowsPerSecond(theirs)} M rows/s", theirs / ours.Elapsed);
        Console.WriteLine($"client.rows.cost  ours {ours.Allocated / 1024} KiB allocated for a million rows (the strings read included)");
    }

    /// <summary>What one monitoring tick asks of a server, every value read as a string; the budget is 1 ms of CPU.</summary>
    private static async Task MonitoringTickAsync(MariaDbConnectOptions options, CancellationToken cancellationToken)
    {
        const int Ticks = 200;
        await using var connection = await MariaDbConnection.OpenAsync(options, cancellationToken);
        async Task TicksAsync()
        {
            for (var tick = 0; tick < Ticks; tick++)
            {
                foreach (var query in (SqlStatement[])[$"SHOW GLOBAL STATUS", $"SHOW GLOBAL VARIABLES", $"SHOW ALL SLAVES STATUS"])
                {
                    foreach (var row in await connection.QueryAsync(query, cancellationToken))
                    {
                        for (var ordinal = 0; ordinal < row.FieldCount; ordinal++)
                            _ = row[ordinal].IsNull ? null : row[ordinal].GetString();
                    }
                }
            }
        }
        await TicksAsync();
        var best = Measurement.Worst;
        for (var repeat = 0; repeat < Repeats; repeat++)
            best = Measurement.Best(best, await Measurement.TakeAsync(TicksAsync));
        Console.WriteLine(
            $"client.tick       ours {Micros(best.Cpu / Ticks)} µs CPU, {Micros(best.Elapsed / Ticks)} µs wall and {best.Allocated / Ticks / 1024} KiB " +
            "allocated per tick (SHOW GLOBAL STATUS + SHOW GLOBAL VARIABLES + SHOW ALL SLAVES STATUS, every value read)");
    }

    private static async Task SelectOneAsync(MariaDbConnection connection, int count, CancellationToken cancellationToken)
    {
        for (var i = 0; i < count; i++)
        {
            if (await connection.QueryScalarAsync<int>($"SELECT 1", cancellationToken) != 1)
                throw new InvalidOperationException("SELECT 1 did not return 1");
        }
    }

    /// <summary>Reads the number and the text of every row, as a consumer of the values would.</summary>
    private static async Task ReadEveryValueAsync(MariaDbConnection connection, CancellationToken cancellationToken)
    {
        long rows = 0, checksum = 0;
        await using (var reader = await connection.ExecuteReaderAsync(SqlStatement.Raw(MillionRows), cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                checksum += reader[0].GetInt64() + reader[1].GetString().Length;
                rows++;
            }
        }
        if (rows != 1_000_000 || checksum != 500_000_500_000 + 9_888_896)
            throw new InvalidOperationException($"read {rows} rows (checksum {checksum}), expected a million");
    }

    private static void Report(string name, string ours, string theirs, double ratio) =>
        Console.WriteLine($"{name,-16}  ours {ours}  mariadb-cli {theirs}  ratio {ratio:0.00}x (higher is better)");

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static string Micros(TimeSpan duration) => $"{duration.TotalMicroseconds:0.0}";

    private static string RowsPerSecond(TimeSpan duration) => $"{1_000_000 / duration.TotalSeconds / 1e6:0.00}";
}
