namespace ReplicationManager.Core.Scheduling;

/// <summary>The answer to a schedule change: applied, or refused with the reason.</summary>
public sealed record SettingChange(string Key, bool Applied, bool IsUnknownKey, string Message)
{
    public static SettingChange Done(string key, string value) => new(key, true, false, $"{key} = {value}");

    public static SettingChange Rejected(string key, string reason) => new(key, false, false, $"{key}: {reason}");

    public static SettingChange Unknown(string key, string known) => new(key, false, true, $"{key} is not a scheduler setting; known: {known}");
}
