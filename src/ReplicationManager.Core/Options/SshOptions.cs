using ReplicationManager.Core.Options.Keys;

namespace ReplicationManager.Core.Options;

/// <summary>SSH access to the database hosts.</summary>
public sealed record SshOptions(bool Enabled, int Port, Credential? Credential, string PrivateKeyPath, string StartDbScript, string DbJobScript, string KnownHostsPath)
{
    internal static SshOptions From(ConfigSection section) => new(
        section.Get(SshKeys.Enabled),
        section.Get(SshKeys.Port),
        section.Get(SshKeys.Credential),
        section.Get(SshKeys.PrivateKey),
        section.Get(SshKeys.StartDbScript),
        section.Get(SshKeys.DbJobScript),
        section.Get(SshKeys.KnownHosts));
}
