using System.Diagnostics;
using ReplicationManager.MariaDb;

namespace ReplicationManager.Benchmarks.Client;

/// <summary>
/// repman's MariaDB client against the <c>mariadb</c> CLI on the same work and the same server: (a) the round trip
/// of <c>SELECT 1</c> over one connection, (b) rows per second of a streamed million-row result.
/// </summary>
internal static class ClientBenchmark
{
    private const int RoundTrips = 2000;
    private const int Repeats = 5;
    private const string MillionRows = "SELECT seq, CONCAT('row-', seq) FROM mysql.seq_1_to_1000000";

    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        if (LabTarget.Load() is not { } target)
        {
            Console.Error.WriteLine("client: no lab is up (lab.env missing); start one with: lab/lab.sh up");
            return 1;
        }
        Console.WriteLine($"client: against {target}, TLS off on both sides, best of {Repeats}");
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
        return 0;
    }

    private static async Task RoundTripAsync(MariaDbConnectOptions options, MariaDbCli cli, CancellationToken cancellationToken)
    {
        await using var connection = await MariaDbConnection.OpenAsync(options, cancellationToken);
        for (var i = 0; i < RoundTrips / 4; i++)
            await connection.QueryScalarAsync<int>($"SELECT 1", cancellationToken);
        var ours = TimeSpan.MaxValue;
        var cpu = TimeSpan.MaxValue;
        long allocated = 0;
        for (var repeat = 0; repeat < Repeats; repeat++)
        {
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < RoundTrips; i++)
                await connection.QueryScalarAsync<int>($"SELECT 1", cancellationToken);
            if (watch.Elapsed < ours)
            {
                ours = watch.Elapsed;
                cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
                allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
            }
        }

        var one = Path.GetTempFileName();
        var many = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(one, "SELECT 1;\n", cancellationToken);
            await File.WriteAllTextAsync(many, string.Concat(Enumerable.Repeat("SELECT 1;\n", RoundTrips)), cancellationToken);
            var connectOnly = await BestAsync(() => cli.RunScriptAsync(one, cancellationToken));
            var all = await BestAsync(() => cli.RunScriptAsync(many, cancellationToken));
            var theirs = (all - connectOnly) / (RoundTrips - 1);
            var perQuery = ours / RoundTrips;
            Report("client.roundtrip", $"{Micros(perQuery)} µs", $"{Micros(theirs)} µs", theirs / perQuery);
            Console.WriteLine(
                $"client.roundtrip.cost  ours {Micros(cpu / RoundTrips)} µs CPU and {allocated / RoundTrips} bytes allocated per query");
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
        var ours = TimeSpan.MaxValue;
        for (var repeat = 0; repeat < Repeats; repeat++)
        {
            var watch = Stopwatch.StartNew();
            var rows = await ReadEveryValueAsync(connection, cancellationToken);
            ours = Min(ours, watch.Elapsed);
            if (rows != 1_000_000)
                throw new InvalidOperationException($"read {rows} rows, expected a million");
        }
        var connectOnly = await BestAsync(() => cli.RunQueryAsync("SELECT 1", cancellationToken));
        var theirs = await BestAsync(() => cli.RunQueryAsync(MillionRows, cancellationToken)) - connectOnly;
        Report("client.rows", $"{RowsPerSecond(ours)} M rows/s", $"{RowsPerSecond(theirs)} M rows/s", theirs / ours);
    }

    /// <summary>Reads the number and the text of every row, as a consumer of the values would.</summary>
    private static async Task<long> ReadEveryValueAsync(MariaDbConnection connection, CancellationToken cancellationToken)
    {
        long rows = 0, checksum = 0;
        await using var reader = await connection.ExecuteReaderAsync(SqlStatement.Raw(MillionRows), cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            checksum += reader[0].GetInt64() + reader[1].GetString().Length;
            rows++;
        }
        return checksum > 0 ? rows : 0;
    }

    private static async Task<TimeSpan> BestAsync(Func<Task<TimeSpan>> measure)
    {
        var best = TimeSpan.MaxValue;
        for (var repeat = 0; repeat < Repeats; repeat++)
            best = Min(best, await measure());
        return best;
    }

    private static void Report(string name, string ours, string theirs, double ratio) =>
        Console.WriteLine($"{name,-16}  ours {ours}  mariadb-cli {theirs}  ratio {ratio:0.00}x (higher is better)");

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static string Micros(TimeSpan duration) => $"{duration.TotalMicroseconds:0.0}";

    private static string RowsPerSecond(TimeSpan duration) => $"{1_000_000 / duration.TotalSeconds / 1e6:0.00}";
}
