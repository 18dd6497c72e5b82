using ReplicationManager.Core.Jobs;
using ReplicationManager.Core.Options;

namespace ReplicationManager.Core.Scheduling;

/// <summary>
/// The live schedule of one cluster: the master switch and each task's enable flag and cron. Changes made through
/// the API take effect at once (the scheduler loop is woken) and are kept by the <see cref="ISchedulerSettingsStore"/>.
/// </summary>
public sealed class SchedulerSettings
{
    private const string JobsModeKey = "scheduler-jobs-mode";

    private readonly object _gate = new();
    private readonly ISchedulerSettingsStore _store;
    private readonly Dictionary<string, TaskSchedule> _tasks;
    private TaskCompletionSource _changed = NewSignal();
    private bool _enabled;
    private JobMode _jobsMode;

    public SchedulerSettings(string cluster, SchedulerOptions options, ISchedulerSettingsStore store)
    {
        Cluster = cluster;
        _store = store;
        _enabled = options.Enabled;
        _jobsMode = options.JobsMode;
        _tasks = options.Tasks.ToDictionary(
            task => task.Name,
            task => new TaskSchedule(task.Name, task.Name + "-cron", task.Enabled, task.Cron, task.DisabledBecause),
            StringComparer.Ordinal);
        foreach (var saved in store.Load(cluster))
            Apply(saved.Key, saved.Value);
    }

    public string Cluster { get; }

    /// <summary>monitoring-scheduler: nothing is scheduled while it is off.</summary>
    public bool Enabled
    {
        get
        {
            lock (_gate)
                return _enabled;
        }
    }

    /// <summary>scheduler-jobs-mode: how jobs reach the job script (a switch through the API is kept).</summary>
    public JobMode JobsMode
    {
        get
        {
            lock (_gate)
                return _jobsMode;
        }
    }

    public IReadOnlyList<TaskSchedule> Tasks
    {
        get
        {
            lock (_gate)
                return _tasks.Values.ToList();
        }
    }

    /// <summary>Completes at the next change; the scheduler loop waits on it.</summary>
    public Task Changed
    {
        get
        {
            lock (_gate)
                return _changed.Task;
        }
    }

    public TaskSchedule? Find(string name)
    {
        lock (_gate)
            return _tasks.GetValueOrDefault(name) ?? _tasks.Values.FirstOrDefault(task => task.CronKey == name);
    }

    /// <summary>Turns a task (or, with "monitoring-scheduler", the whole scheduler) on or off.</summary>
    public SettingChange SetEnabled(string name, bool enabled) =>
        Change(name, enabled ? "true" : "false");

    /// <summary>Sets the cron of a task, by its enable key or its cron key.</summary>
    public SettingChange SetCron(string name, string cron)
    {
        var task = Find(name);
        return task is null ? SettingChange.Unknown(name, KnownNames()) : Change(task.CronKey, cron);
    }

    /// <summary>Records a switch of scheduler-jobs-mode that the job engine made; kept across restarts.</summary>
    public void RecordJobsMode(JobMode mode)
    {
        var text = mode.ToString().ToLowerInvariant();
        lock (_gate)
            Apply(JobsModeKey, text);
        _store.Save(Cluster, JobsModeKey, text);
    }

    private SettingChange Change(string key, string value)
    {
        SettingChange change;
        lock (_gate)
        {
            change = Apply(key, value);
            if (!change.Applied)
                return change;
        }
        _store.Save(Cluster, key, value);
        Signal();
        return change;
    }

    private SettingChange Apply(string key, string value)
    {
        if (key == "monitoring-scheduler")
        {
            if (!bool.TryParse(value, out var on))
                return SettingChange.Rejected(key, $"'{value}' is not true or false");
            _enabled = on;
            return SettingChange.Done(key, value);
        }
        if (key == JobsModeKey)
        {
            if (value is not ("sql" or "api"))
                return SettingChange.Rejected(key, $"'{value}' is not sql or api");
            _jobsMode = value == "api" ? JobMode.Api : JobMode.Sql;
            return SettingChange.Done(key, value);
        }
        if (_tasks.TryGetValue(key, out var task))
        {
            if (!bool.TryParse(value, out var on))
                return SettingChange.Rejected(key, $"'{value}' is not true or false");
            if (on && task.DisabledBecause is { } reason)
                return SettingChange.Rejected(key, reason);
            _tasks[key] = task with { Enabled = on };
            return SettingChange.Done(key, value);
        }
        var byCron = _tasks.Values.FirstOrDefault(candidate => candidate.CronKey == key);
        if (byCron is null)
            return SettingChange.Unknown(key, KnownNames());
        if (!CronExpression.TryParse(value, out var cron, out var error))
            return SettingChange.Rejected(key, $"bad cron expression \"{value}\": {error}");
        _tasks[byCron.Name] = byCron with { Cron = cron };
        return SettingChange.Done(key, value);
    }

    private string KnownNames() =>
        string.Join(", ", _tasks.Values.SelectMany(task => new[] { task.Name, task.CronKey }).Prepend("monitoring-scheduler"));

    private void Signal()
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            changed = _changed;
            _changed = NewSignal();
        }
        changed.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
