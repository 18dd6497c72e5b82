namespace ReplicationManager.Core.Metrics.Whisper;

/// <summary>One archive of a whisper file: <see cref="Points"/> slots of <see cref="SecondsPerPoint"/> seconds, at <see cref="Offset"/>.</summary>
public sealed record WhisperArchive(uint Offset, uint SecondsPerPoint, uint Points)
{
    public const int InfoSize = 12;

    public long Retention => (long)SecondsPerPoint * Points;

    public long Size => (long)Points * WhisperFile.PointSize;
}
