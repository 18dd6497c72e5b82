namespace ReplicationManager.Core.Options.Keys;

/// <summary>On-premise SSH access to database hosts: the job script runner and the bastion.</summary>
public static class SshKeys
{
    public static readonly ConfigKey<bool> Enabled = Define.Bool("onpremise-ssh", false,
        "Reach database hosts over SSH (job script, start scripts).");

    public static readonly ConfigKey<int> Port = Define.Port("onpremise-ssh-port", 22,
        "SSH port of the database hosts.");

    public static readonly ConfigKey<Credential?> Credential = Define.Credential("onpremise-ssh-credential", "root:",
        "user[:password] for SSH; key authentication is used when the password is empty.");

    public static readonly ConfigKey<string> PrivateKey = Define.Path("onpremise-ssh-private-key", "",
        "Private key for SSH; ~/.ssh/id_rsa of the repman user when empty.");

    public static readonly ConfigKey<string> StartDbScript = Define.Path("onpremise-ssh-start-db-script", "",
        "Script run over SSH to start a database server.");

    public static readonly ConfigKey<string> DbJobScript = Define.Path("onpremise-ssh-db-job-script", "",
        "A custom job script run over SSH instead of the built-in dbjobs_new.");

    public static readonly ConfigKey<string> KnownHosts = Define.Path("onpremise-ssh-known-hosts", "",
        "(repman) An OpenSSH known_hosts file of the database hosts: a host whose key it does not list is refused. When empty, each host's key is pinned at first contact in {datadir}/ssh_known_hosts and a changed key is refused.");
}
