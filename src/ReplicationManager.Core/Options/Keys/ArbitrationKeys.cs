using static ReplicationManager.Core.Options.ConfigScope;

namespace ReplicationManager.Core.Options.Keys;

/// <summary>Arbitration between two repman peers so that only one acts on a cluster.</summary>
public static class ArbitrationKeys
{
    public static readonly ConfigKey<bool> External = Define.Bool("arbitration-external", false,
        "Use an arbitrator and peer heartbeats to decide which repman is active.", Global);

    public static readonly ConfigKey<IReadOnlyList<string>> ExternalHosts = Define.List("arbitration-external-hosts", "",
        "Arbitrator address host:port. No default: repman never contacts a third party unless told to.", Global);

    public static readonly ConfigKey<string> ExternalSecret = Define.Secret("arbitration-external-secret", "",
        "Secret shared by the peers of one arbitration group.", Global);

    public static readonly ConfigKey<int> ExternalUniqueId = Define.Int("arbitration-external-unique-id", 0, 0, int.MaxValue,
        "Identifier of this repman within its arbitration group.", Global);

    public static readonly ConfigKey<IReadOnlyList<string>> PeerHosts = Define.List("arbitration-peer-hosts", "127.0.0.1:10001",
        "The other repman's HTTP port, host:port, polled at /api/heartbeat.", Global);

    public static readonly ConfigKey<TimeSpan> ReadTimeout = Define.Milliseconds("arbitration-read-timeout", 800, 1,
        "Milliseconds to wait for the arbitrator's answer.", Global);

    public static readonly ConfigKey<string> FailedMasterScript = Define.Path("arbitration-failed-master-script", "",
        "Script run with host and port of our primary when the arbitration is lost.", Global);

    public static readonly ConfigKey<string> ArbitratorBindAddress = Define.String("arbitrator-bind-address", "0.0.0.0:10001",
        "Listen address of the arbitrator daemon.", Global);

    public static readonly ConfigKey<string> ArbitratorDriver = Define.OneOf("arbitrator-driver", "sqlite", ["sqlite", "mysql"],
        "Where the arbitrator daemon keeps its heartbeats.", Global);
}
