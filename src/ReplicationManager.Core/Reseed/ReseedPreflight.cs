using ReplicationManager.Core.Jobs;
using ReplicationManager.Core.Topology;

namespace ReplicationManager.Core.Reseed;

/// <summary>
/// Whether a reseed may start, and from what (pure, table-tested). Refused when the joiner is the primary or there is
/// no primary to replicate from, when no usable backup exists (or the one named is not), when a job that reads or
/// replaces the joiner's data is in flight there, and until the operator confirms that the joiner's data will be
/// replaced (the answer then says exactly what would happen).
/// </summary>
public static class ReseedPreflight
{
    /// <summary>Tasks that may not run on the joiner while it is reseeded (they read or replace its data).</summary>
    public static IReadOnlySet<string> Conflicting { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        JobTasks.Mariabackup, JobTasks.Xtrabackup, JobTasks.ReseedMariabackup, JobTasks.ReseedXtrabackup, JobTasks.FlashbackMariabackup,
        JobTasks.FlashbackXtrabackup, JobTasks.Mysqldump, JobTasks.Mydumper, JobTasks.Stop, JobTasks.Start, JobTasks.Restart, JobTasks.Optimize,
        JobTasks.ReseedMysqldump,
    };

    /// <param name="donor">A live donor whose fresh physical backup is relayed, instead of a stored backup.</param>
    public static ReseedDecision Check(ClusterSnapshot snapshot, ServerAddress joiner, ReseedMethod method, IReadOnlyList<ReseedSource> sources,
        string? backupId, IReadOnlyList<Job> active, bool confirmed, ServerAddress? donor = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(active);
        if (snapshot.Find(joiner) is null)
            return ReseedDecision.Refuse(ReseedRefusal.UnknownServer, $"{joiner} is not a server of cluster {snapshot.Name}");
        if (snapshot.Primary is not { } primary)
            return ReseedDecision.Refuse(ReseedRefusal.NoPrimary, "the cluster has no primary for the reseeded server to replicate from");
        if (primary.Address == joiner)
            return ReseedDecision.Refuse(ReseedRefusal.JoinerIsPrimary, $"{joiner} is the primary: a reseed replaces a replica's data; switch over first");
        if (primary.State.IsUnreachable())
            return ReseedDecision.Refuse(ReseedRefusal.NoPrimary, $"the primary {primary.Address} does not answer: the reseeded server could not replicate from it");
        if (active.FirstOrDefault(job => job.Target == joiner && Conflicting.Contains(job.Task)) is { } busy)
            return ReseedDecision.Refuse(ReseedRefusal.Busy, $"a {busy.Task} job is in flight on {joiner} (job {busy.Id}); wait for it or cancel it");
        if (donor is not null)
            return Live(snapshot, joiner, primary.Address, method, donor, active, confirmed);
        var kind = method == ReseedMethod.PhysicalBackup ? "checked physical backup" : "mysqldump backup";
        var source = method == ReseedMethod.LogicalMaster ? ReseedSource.DumpOf(primary.Address)
            : backupId is null ? (sources.Count > 0 ? sources[0] : null) : sources.FirstOrDefault(candidate => candidate.Id == backupId);
        if (source is null)
            return ReseedDecision.Refuse(ReseedRefusal.NoBackup, backupId is null
                ? $"cluster {snapshot.Name} has no {kind} with a GTID to reseed from; take one first (actions/{(method == ReseedMethod.PhysicalBackup ? "backup-physical" : "backup-logical")})"
                : $"backup {backupId} is not a {kind} of cluster {snapshot.Name} with a GTID (known: {Known(sources)})");
        var plan = new ReseedPlan(joiner, primary.Address, source, method);
        return confirmed
            ? ReseedDecision.Go(plan)
            : ReseedDecision.Refuse(ReseedRefusal.NotConfirmed, $"{plan.Describe()}; this replaces every byte of {joiner}'s data: repeat with ?confirm=true", plan);
    }

    private static ReseedDecision Live(ClusterSnapshot snapshot, ServerAddress joiner, ServerAddress primary, ReseedMethod method, ServerAddress donor,
        IReadOnlyList<Job> active, bool confirmed)
    {
        if (method != ReseedMethod.PhysicalBackup)
            return ReseedDecision.Refuse(ReseedRefusal.NotAvailable, "a live donor serves physicalbackup reseeds only");
        if (snapshot.Find(donor) is not { } server)
            return ReseedDecision.Refuse(ReseedRefusal.UnknownServer, $"the donor {donor} is not a server of cluster {snapshot.Name}");
        if (donor == joiner)
            return ReseedDecision.Refuse(ReseedRefusal.NoBackup, $"{joiner} cannot be its own donor");
        if (!server.IsReachable)
            return ReseedDecision.Refuse(ReseedRefusal.NoBackup, $"the donor {donor} does not answer: it cannot take a backup");
        if (active.FirstOrDefault(job => job.Target == donor && job.Task is JobTasks.Mariabackup or JobTasks.Xtrabackup) is { } busy)
            return ReseedDecision.Refuse(ReseedRefusal.Busy, $"a {busy.Task} job is in flight on the donor {donor} (job {busy.Id}); wait for it or cancel it");
        var plan = new ReseedPlan(joiner, primary, ReseedSource.LiveBackupOf(donor, server.Flavor == ServerFlavor.MariaDb ? JobTasks.Mariabackup : JobTasks.Xtrabackup), method);
        return confirmed
            ? ReseedDecision.Go(plan)
            : ReseedDecision.Refuse(ReseedRefusal.NotConfirmed, $"{plan.Describe()}; this replaces every byte of {joiner}'s data: repeat with ?confirm=true", plan);
    }

    private static string Known(IReadOnlyList<ReseedSource> sources) =>
        sources.Count == 0 ? "none" : string.Join(", ", sources.Select(source => source.Id));
}

/// <summary>What a reseed will do: the joiner receives <see cref="Source"/>, then replicates from <see cref="Primary"/>.</summary>
public sealed record ReseedPlan(ServerAddress Joiner, ServerAddress Primary, ReseedSource Source, ReseedMethod Method = ReseedMethod.PhysicalBackup)
{
    public string Describe() => Method switch
    {
        ReseedMethod.LogicalMaster =>
            $"{Joiner} would lose every user database, then get a dump of the primary {Primary} (mariadb-dump --single-transaction --gtid) restored over SQL by repman, " +
            $"then replicate from {Primary} after the dump's GTID",
        ReseedMethod.LogicalBackup =>
            $"{Joiner} would lose every user database, then get backup {Source.Id} of {Source.Server} ({Source.Bytes} bytes, taken {Source.Taken:u}) restored over SQL by repman, " +
            $"then replicate from {Primary} after GTID {Source.Position.Gtid}",
        _ when Source.IsLive => $"{Joiner} would get {Source.Id} (taken now, relayed by repman as it arrives) on its SST port, " +
            $"then replicate from {Primary} after the backup's GTID; its old data directory is kept aside until it replicates",
        _ => $"{Joiner} would get backup {Source.Id} of {Source.Server} ({Source.Bytes} bytes, taken {Source.Taken:u}) on its SST port, " +
            $"then replicate from {Primary} after GTID {Source.Position.Gtid}; its old data directory is kept aside until it replicates",
    };
}

public enum ReseedRefusal
{
    None,
    UnknownServer,
    NotAvailable,
    NoPrimary,
    JoinerIsPrimary,
    Busy,
    NoBackup,
    NotConfirmed,
}

/// <summary>The preflight's answer: a plan to run, or a refusal (a refusal for want of confirmation still shows the plan).</summary>
public sealed record ReseedDecision(ReseedPlan? Plan, ReseedRefusal Refusal, string? Reason)
{
    public bool Proceeds => Refusal == ReseedRefusal.None;

    public static ReseedDecision Go(ReseedPlan plan) => new(plan, ReseedRefusal.None, null);

    public static ReseedDecision Refuse(ReseedRefusal refusal, string reason, ReseedPlan? plan = null) => new(plan, refusal, reason);
}
