using System.Text.Json;
using System.Text.Json.Serialization;
using ReplicationManager.Core.Jobs;

namespace ReplicationManager.Core.Tests.Jobs.Progress;

/// <summary>One case of <c>scenarios.json</c>: a job, what a tick sees of it, and the step expected.</summary>
internal sealed record JobProgressScenario(
    string Name,
    ScenarioJob Job,
    ScenarioRow? Row,
    string Stream,
    double? PendingForSeconds,
    double? FinishedForSeconds,
    string? PostJob,
    ExpectedStep Expect,
    bool HasPostJob = false)
{
    public static readonly string File = Path.Combine(AppContext.BaseDirectory, "Jobs", "Progress", "scenarios.json");

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        AllowTrailingCommas = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Converters = { new JsonStringEnumConverter() },
    };

    public static IReadOnlyList<JobProgressScenario> All { get; } =
        JsonSerializer.Deserialize<List<JobProgressScenario>>(System.IO.File.ReadAllText(File), Json) ?? [];
}

internal sealed record ScenarioJob(JobState State, string? Result, JobMode Mode = JobMode.Sql);

internal sealed record ScenarioRow(JobState State, string? Result);

internal sealed record ExpectedStep(string Step, JobState? State, IReadOnlyList<JobState>? From, string? Message, string? WaitingFor);
