using ReplicationManager.Core.Options.Keys;

namespace ReplicationManager.Core.Options;

/// <summary>HAProxy in front of the cluster.</summary>
public sealed record HaproxyOptions(
    bool Enabled,
    IReadOnlyList<string> Servers,
    int WritePort,
    int ReadPort,
    int StatPort,
    int ApiPort,
    string Mode,
    string WriteBind,
    string ReadBind,
    string WriteBackend,
    string ReadBackend,
    string BinaryPath,
    string User,
    string Password)
{
    internal static HaproxyOptions From(ConfigSection section) => new(
        section.Get(HaproxyKeys.Enabled),
        section.Get(HaproxyKeys.Servers),
        section.Get(HaproxyKeys.WritePort),
        section.Get(HaproxyKeys.ReadPort),
        section.Get(HaproxyKeys.StatPort),
        section.Get(HaproxyKeys.ApiPort),
        section.Get(HaproxyKeys.Mode),
        section.Get(HaproxyKeys.WriteBind),
        section.Get(HaproxyKeys.ReadBind),
        section.Get(HaproxyKeys.WriteBackend),
        section.Get(HaproxyKeys.ReadBackend),
        section.Get(HaproxyKeys.BinaryPath),
        section.Get(HaproxyKeys.User),
        section.Get(HaproxyKeys.Password));

    public override string ToString() => $"HaproxyOptions {{ Enabled = {Enabled}, Servers = {string.Join(',', Servers)}, WritePort = {WritePort}, ReadPort = {ReadPort} }}";
}
