namespace ReplicationManager.Core.Scheduling;

/// <summary>Keeps schedule changes made at run time, so that they survive a restart.</summary>
public interface ISchedulerSettingsStore
{
    /// <summary>The saved key = value changes of a cluster, applied over its configuration at start.</summary>
    IReadOnlyDictionary<string, string> Load(string cluster);

    void Save(string cluster, string key, string value);
}
