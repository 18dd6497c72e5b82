namespace ReplicationManager.Core.Logging;

/// <summary>
/// Event ids of repman's log lines, one range per area, so that an operator can filter by area and a line keeps its
/// id across releases: 1000 monitoring, 2000 failover, 3000 scheduler, 4000 backups, 5000 API.
/// </summary>
public static class EventIds
{
    // Monitoring (1000-1999): topology probes, states, problems, saved state.
    public const int MonitoringStarted = 1000;
    public const int ServerFound = 1001;
    public const int ServerStateChanged = 1002;
    public const int TopologyProblemFound = 1003;
    public const int TopologyProblemResolved = 1004;
    public const int ExtraPortEntered = 1005;
    public const int ExtraPortLeft = 1006;
    public const int ServerProbed = 1007;
    public const int ServerProbeFailed = 1008;
    public const int MonitoringTickFailed = 1009;
    public const int ServerStateSaved = 1010;
    public const int ServerStateSaveFailed = 1011;
    public const int SavedStateLoaded = 1012;
    public const int SavedStateUnreadable = 1013;
    public const int PrimaryChanged = 1014;
    public const int MonitoringTick = 1015;
    public const int MonitoringStopped = 1016;

    // Failover (2000-2999): switchover, failover, rejoin, proxies.
    public const int PrimaryChangeStarted = 2000;
    public const int PrimaryChangeStep = 2001;
    public const int PrimaryChangeFailed = 2002;
    public const int PrimaryChangeUndone = 2003;
    public const int PrimaryChangeDone = 2004;
    public const int FailoverGate = 2005;
    public const int FailoverVetoed = 2006;
    public const int ServerRejoined = 2007;
    public const int ServerRejoinFailed = 2008;
    public const int ProxyRerouted = 2009;
    public const int ProxyRerouteFailed = 2010;
    public const int InterruptedChangeRepaired = 2011;
    public const int UndoStepFailed = 2012;

    // Reseed (4000-4099): a backup sent to a joiner, its data swapped, replication re-pointed.
    public const int ReseedStarted = 4000;
    public const int ReseedSending = 4001;
    public const int ReseedSent = 4002;
    public const int ReseedSendFailed = 4003;
}
