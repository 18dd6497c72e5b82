using ReplicationManager.Core.Options.Keys;

namespace ReplicationManager.Core.Options;

/// <summary>ProxySQL in front of the cluster.</summary>
public sealed record ProxySqlOptions(
    bool Enabled,
    IReadOnlyList<string> Servers,
    int Port,
    int AdminPort,
    string User,
    string Password,
    int WriterHostgroup,
    int ReaderHostgroup,
    bool Bootstrap,
    bool SaveToDisk)
{
    internal static ProxySqlOptions From(ConfigSection section) => new(
        section.Get(ProxySqlKeys.Enabled),
        section.Get(ProxySqlKeys.Servers),
        section.Get(ProxySqlKeys.Port),
        section.Get(ProxySqlKeys.AdminPort),
        section.Get(ProxySqlKeys.User),
        section.Get(ProxySqlKeys.Password),
        section.Get(ProxySqlKeys.WriterHostgroup),
        section.Get(ProxySqlKeys.ReaderHostgroup),
        section.Get(ProxySqlKeys.Bootstrap),
        section.Get(ProxySqlKeys.SaveToDisk));

    public override string ToString() => $"ProxySqlOptions {{ Enabled = {Enabled}, Servers = {string.Join(',', Servers)}, Port = {Port}, AdminPort = {AdminPort} }}";
}
