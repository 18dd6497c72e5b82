namespace ReplicationManager.Core.Backups.Restic;

/// <summary>
/// The tags a backup's snapshot carries, <c>name=value</c>: cluster, server, tool first (the retention's group), then
/// kind and GTID. A tag holds no comma (restic splits on it): a GTID list is joined with <c>+</c>.
/// </summary>
public static class ResticTags
{
    public static IReadOnlyList<string> For(string cluster, string server, string tool, string kind, string? gtid) =>
    [
        Cluster(cluster), $"server={server}", $"tool={tool}", $"kind={kind}", .. gtid is null ? Array.Empty<string>() : [$"gtid={gtid.Replace(',', '+')}"],
    ];

    public static string Cluster(string cluster) => $"cluster={cluster}";

    /// <summary>The value of a tag <c>name=value</c> among <paramref name="tags"/>, or null.</summary>
    public static string? Value(IEnumerable<string> tags, string name) =>
        tags.FirstOrDefault(tag => tag.StartsWith(name + "=", StringComparison.Ordinal))?[(name.Length + 1)..];

    /// <summary>A GTID as tagged, back to its list form.</summary>
    public static string? Gtid(IEnumerable<string> tags) => Value(tags, "gtid")?.Replace('+', ',');
}
