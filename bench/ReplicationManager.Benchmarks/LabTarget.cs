namespace ReplicationManager.Benchmarks;

/// <summary>The lab primary to measure against, from the lab.env that <c>lab/lab.sh up</c> writes.</summary>
internal sealed record LabTarget(string Host, int Port, string User, string Password)
{
    public static LabTarget? Load()
    {
        var directory = Environment.GetEnvironmentVariable("REPMAN_LAB_DIR") is { Length: > 0 } dir ? dir : "/tmp/repman-lab";
        var path = Path.Combine(directory, "lab.env");
        if (!File.Exists(path))
            return null;
        var facts = File.ReadAllLines(path)
            .Select(line => line.Split('=', 2))
            .Where(parts => parts.Length == 2)
            .ToDictionary(parts => parts[0], parts => parts[1], StringComparer.Ordinal);
        return new LabTarget(facts["LAB_PRIMARY"], int.Parse(facts["LAB_PORT"]), facts["LAB_REPMAN_USER"], facts["LAB_REPMAN_PASSWORD"]);
    }

    public override string ToString() => $"{User}@{Host}:{Port}";
}
