namespace ReplicationManager.Server.Hosting;

/// <summary>
/// repman keeps its keys, certificate, server states, job history, received logs and backups in
/// <c>monitoring-datadir</c>: a directory it cannot write is a reason not to start, said in one line, rather than an
/// exception from whichever file it first writes.
/// </summary>
internal static class DataDirectoryCheck
{
    /// <summary>Null when the directory exists (or was made) and takes a file; else why not.</summary>
    public static string? WhyNotWritable(string datadir)
    {
        var probe = Path.Combine(datadir, $".repman-write-check.{Environment.ProcessId}");
        try
        {
            Directory.CreateDirectory(datadir);
            File.WriteAllBytes(probe, [1]);
            File.Delete(probe);
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return $"monitoring-datadir {datadir} is not writable ({ex.Message}): repman keeps its keys, server states, job history, logs and backups there";
        }
    }
}
