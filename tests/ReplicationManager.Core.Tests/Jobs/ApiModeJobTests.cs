using ReplicationManager.Core.Jobs;
using ReplicationManager.Core.Jobs.Protocol;

namespace ReplicationManager.Core.Tests.Jobs;

/// <summary>API mode (spec 6.1.8.4) through the engine: cookie, WARN state, needs, job-state, write-log; no SQL anywhere.</summary>
public sealed class ApiModeJobTests
{
    private static readonly ReplicationManager.Core.Topology.ServerAddress Db2 = ApiModeEngine.Db2;

    [Fact(Timeout = 10_000)]
    public async Task AFiredTaskIsACookieAndAWarningUntilTheScriptReportsItDone()
    {
        await using var api = await ApiModeEngine.CreateAsync();
        var ct = TestContext.Current.CancellationToken;

        var submitted = await api.Engine.SubmitRemoteAsync(Db2, JobTasks.Optimize, ct);

        Assert.True(submitted.IsAccepted, submitted.RefusedBecause);
        Assert.True(File.Exists(api.Cookie("optimize")));
        Assert.Equal(Path.Combine(api.Datadir, "lab", "127.0.0.12_3306", "@cookie_waitoptimize"), api.Cookie("optimize"));
        Assert.Equal("WARN0072", Assert.Single(api.Engine.Warnings).Code);
        Assert.True(await api.Engine.Script.NeedsAsync(Db2, JobTasks.Optimize, ct));
        Assert.False(File.Exists(api.Cookie("optimize")));
        Assert.False(await api.Engine.Script.NeedsAsync(Db2, JobTasks.Optimize, ct));
        Assert.Equal(ReceiveAnswer.NoReceiverNeeded, await api.Engine.Script.ReceiveAsync(Db2, JobTasks.Optimize, streamToken: false, ct));
        Assert.Null(await api.Engine.Script.ReportAsync(Db2, JobTasks.Optimize, JobState.Processing, null, null, ct));
        Assert.Equal(JobState.Processing, api.Engine.Active.Single().State);
        Assert.Null(await api.Engine.Script.ReportAsync(Db2, JobTasks.Optimize, JobState.Finished, "optimized 12 tables", null, ct));
        var job = await submitted.Completion!;

        Assert.Equal(JobState.Success, job.State);
        Assert.Contains("optimized 12 tables", job.Result, StringComparison.Ordinal);
        Assert.Empty(api.Engine.Warnings);
        Assert.Equal(JobMode.Api, api.Engine.History.Of(Db2).Single().Mode);
    }

    [Fact(Timeout = 10_000)]
    public async Task AJobTheScriptNeverTakesEndsAtTheStartTimeoutAndItsCookieGoes()
    {
        await using var api = await ApiModeEngine.CreateAsync();
        var ct = TestContext.Current.CancellationToken;
        var submitted = await api.Engine.SubmitRemoteAsync(Db2, JobTasks.ErrorLog, ct);

        api.Time.Advance(TimeSpan.FromSeconds(61));
        await api.Engine.TickAsync(ct);
        var job = await submitted.Completion!;

        Assert.Equal(JobState.Error, job.State);
        Assert.Contains("scheduler-jobs-start-timeout", job.Result, StringComparison.Ordinal);
        Assert.False(File.Exists(api.Cookie("errorlog")));
    }

    [Fact(Timeout = 10_000)]
    public async Task TheScriptsCallsForAJobNotInFlightAreRefusedSayingSo()
    {
        await using var api = await ApiModeEngine.CreateAsync();
        var ct = TestContext.Current.CancellationToken;

        Assert.False(await api.Engine.Script.NeedsAsync(Db2, JobTasks.Mariabackup, ct));
        Assert.Contains("no mariabackup job of the job script is in flight", await api.Engine.Script.ReportAsync(Db2, JobTasks.Mariabackup, JobState.Finished, null, null, ct), StringComparison.Ordinal);
        Assert.Contains("no mariabackup job is in flight", (await api.Engine.Script.ReceiveAsync(Db2, JobTasks.Mariabackup, streamToken: false, ct)).RefusedBecause, StringComparison.Ordinal);
        Assert.Contains("no mariabackup job on 127.0.0.12:3306 to log for",
            await api.Engine.Script.LogAsync(Db2, JobTasks.Mariabackup, new ScriptLogBatch("127.0.0.12:3306", ["x"], "INFO"), ct), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(api.Datadir, "lab", "127.0.0.12_3306", "jobs")));
    }

    [Fact(Timeout = 10_000)]
    public async Task LogLinesGoToTheServersJobLogAndTheJobsDigestEvenJustAfterItEnded()
    {
        await using var api = await ApiModeEngine.CreateAsync();
        var ct = TestContext.Current.CancellationToken;
        var submitted = await api.Engine.SubmitRemoteAsync(Db2, JobTasks.Optimize, ct);
        await api.Engine.Script.NeedsAsync(Db2, JobTasks.Optimize, ct);

        Assert.Null(await api.Engine.Script.LogAsync(Db2, JobTasks.Optimize, new ScriptLogBatch("127.0.0.12:3306", ["test.t1 OK", "ERROR 1146 (42S02): Table 'test.gone' doesn't exist"], null), ct));
        await api.Engine.Script.ReportAsync(Db2, JobTasks.Optimize, JobState.Finished, null, null, ct);
        await submitted.Completion!;
        Assert.Null(await api.Engine.Script.LogAsync(Db2, JobTasks.Optimize, new ScriptLogBatch("127.0.0.12:3306", ["finished"], "INFO"), ct));

        var job = api.Engine.History.Of(Db2).Single();
        Assert.Equal(3, job.Output!.Lines);
        Assert.Equal(2, job.Output.Levels["INFO"]);
        Assert.Equal(1, job.Output.Levels["ERROR"]);
        Assert.Equal(["1146"], job.Output.ErrorCodes);
        Assert.Equal("finished", job.Output.Tail[^1]);
        var file = await File.ReadAllLinesAsync(Path.Combine(api.Datadir, "lab", "127.0.0.12_3306", "jobs", "optimize.log"), ct);
        Assert.Equal(3, file.Length);
        Assert.EndsWith($"job {job.Id} ERROR ERROR 1146 (42S02): Table 'test.gone' doesn't exist", file[1], StringComparison.Ordinal);
    }

    [Fact(Timeout = 10_000)]
    public async Task ABatchSentAgainAfterAnInterruptedRunIsTakenOnce()
    {
        await using var api = await ApiModeEngine.CreateAsync();
        var ct = TestContext.Current.CancellationToken;
        await api.Engine.SubmitRemoteAsync(Db2, JobTasks.ErrorLog, ct);

        await api.Engine.Script.LogAsync(Db2, JobTasks.ErrorLog, new ScriptLogBatch("127.0.0.12:3306", ["1", "2", "3"], "INFO", 1), ct);
        await api.Engine.Script.LogAsync(Db2, JobTasks.ErrorLog, new ScriptLogBatch("127.0.0.12:3306", ["2", "3", "4"], "INFO", 2), ct);
        await api.Engine.Script.LogAsync(Db2, JobTasks.ErrorLog, new ScriptLogBatch("127.0.0.12:3306", ["1", "2"], "INFO", 1), ct);

        var output = api.Engine.Active.Single().Output!;
        Assert.Equal(4, output.Lines);
        Assert.Equal(4, output.LastLine);
        Assert.Equal(["1", "2", "3", "4"], output.Tail);
    }

    [Fact(Timeout = 10_000)]
    public async Task CancellingAJobRemovesItsCookie()
    {
        await using var api = await ApiModeEngine.CreateAsync();
        var ct = TestContext.Current.CancellationToken;
        await api.Engine.SubmitRemoteAsync(Db2, JobTasks.SlowQuery, ct);

        Assert.True(await api.Engine.CancelAsync(Db2, JobTasks.SlowQuery, ct));

        Assert.False(File.Exists(api.Cookie("slowquery")));
        Assert.Equal(JobState.Error, api.Engine.History.Of(Db2).Single().State);
    }

    [Fact(Timeout = 10_000)]
    public async Task AReseedReportsTheRestorePositionWithDone()
    {
        await using var api = await ApiModeEngine.CreateAsync();
        var ct = TestContext.Current.CancellationToken;
        var submitted = await api.Engine.SubmitRemoteAsync(Db2, JobTasks.ReseedMariabackup, ct);

        await api.Engine.Script.ReportAsync(Db2, JobTasks.ReseedMariabackup, JobState.Finished, "restored",
            new BackupPosition("0-11-42", "binlog.000003", 1234) { Vendor = "mariadb" }, ct);

        var job = await submitted.Completion!;
        Assert.Equal(JobState.Success, job.State);
        Assert.Equal(new BackupPosition("0-11-42", "binlog.000003", 1234) { Vendor = "mariadb" }, job.Position);
    }
}
