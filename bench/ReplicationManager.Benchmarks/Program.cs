using ReplicationManager.Benchmarks.Client;
using ReplicationManager.Benchmarks.Jobs;
using ReplicationManager.Benchmarks.Monitoring;
using ReplicationManager.Benchmarks.Streams;

// Each benchmark prints its results as ratios against a baseline measured in the same run: bench <name> [args].
var benchmarks = new Dictionary<string, Func<string[], CancellationToken, Task<int>>>(StringComparer.Ordinal)
{
    ["client"] = ClientBenchmark.RunAsync,
    ["jobs"] = JobDispatchBenchmark.RunAsync,
    ["monitoring"] = MonitoringBenchmark.RunAsync,
    ["streams"] = StreamBenchmark.RunAsync,
    ["write-log"] = WriteLogBenchmark.RunAsync,
};

if (args.Length == 0 || !benchmarks.TryGetValue(args[0], out var run))
{
    Console.Error.WriteLine($"usage: bench <{string.Join('|', benchmarks.Keys)}> [args]");
    return 2;
}

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};
return await run(args[1..], cancellation.Token);
