using ReplicationManager.Core.Options;

namespace ReplicationManager.Server.Api;

/// <summary>This repman process as its peers see it: an id made at start and its arbitration status.</summary>
internal sealed class RepmanInstance(ArbitrationOptions arbitration)
{
    /// <summary>replication-manager's status letters: A for active, S for standby (waiting for arbitration).</summary>
    public string Status { get; } = arbitration.External ? "S" : "A";

    public string Uuid { get; } = Guid.NewGuid().ToString();

    public int UniqueId => arbitration.UniqueId;

    public bool HasSecret => arbitration.Secret.Length > 0;

    public bool IsActive => Status == "A";
}
