using System.Buffers.Binary;

namespace ReplicationManager.Core.Metrics.Whisper;

/// <summary>
/// Graphite's whisper format, byte for byte (big-endian): a header (aggregation, max retention, x-files factor,
/// archive count), the archives' info, then each archive's ring of (interval, value) points. Files written here are
/// read by Debian's python3-whisper and the other way round. Writes go to the finest archive that still covers the
/// point's age and are averaged down into the coarser ones, as carbon does.
/// </summary>
public static class WhisperFile
{
    public const int PointSize = 12;
    private const int HeaderSize = 16;

    public static void Create(string path, IReadOnlyList<Retention> retentions, float xFilesFactor = 0.5f, WhisperAggregation aggregation = WhisperAggregation.Average)
    {
        ArgumentNullException.ThrowIfNull(retentions);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var offset = (uint)(HeaderSize + WhisperArchive.InfoSize * retentions.Count);
        var archives = new List<WhisperArchive>();
        foreach (var retention in retentions)
        {
            archives.Add(new WhisperArchive(offset, retention.SecondsPerPoint, retention.Points));
            offset += retention.Points * PointSize;
        }
        var temporary = path + ".tmp";
        using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write))
        {
            Span<byte> header = stackalloc byte[HeaderSize];
            BinaryPrimitives.WriteUInt32BigEndian(header, (uint)aggregation);
            BinaryPrimitives.WriteUInt32BigEndian(header[4..], (uint)archives.Max(a => a.Retention));
            BinaryPrimitives.WriteSingleBigEndian(header[8..], xFilesFactor);
            BinaryPrimitives.WriteUInt32BigEndian(header[12..], (uint)archives.Count);
            file.Write(header);
            Span<byte> info = stackalloc byte[WhisperArchive.InfoSize];
            foreach (var archive in archives)
            {
                BinaryPrimitives.WriteUInt32BigEndian(info, archive.Offset);
                BinaryPrimitives.WriteUInt32BigEndian(info[4..], archive.SecondsPerPoint);
                BinaryPrimitives.WriteUInt32BigEndian(info[8..], archive.Points);
                file.Write(info);
            }
            file.SetLength(offset);
        }
        File.Move(temporary, path);
    }

    public static WhisperHeader ReadHeader(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        return ReadHeader(file);
    }

    /// <summary>Stores <paramref name="value"/> at <paramref name="timestamp"/> (Unix seconds); a point older than the file keeps is dropped (false).</summary>
    public static bool Update(string path, double value, long timestamp, long now) => UpdateMany(path, [(value, timestamp)], now).Count == 0;

    /// <summary>Stores points in their order with one open of the file; the indexes of those dropped (outside the retention).</summary>
    public static IReadOnlyList<int> UpdateMany(string path, IReadOnlyList<(double Value, long Timestamp)> points, long now)
    {
        ArgumentNullException.ThrowIfNull(points);
        using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read);
        var header = ReadHeader(file);
        var dropped = new List<int>();
        for (var i = 0; i < points.Count; i++)
        {
            if (!Update(file, header, points[i].Value, points[i].Timestamp, now))
                dropped.Add(i);
        }
        return dropped;
    }

    private static bool Update(FileStream file, WhisperHeader header, double value, long timestamp, long now)
    {
        var age = now - timestamp;
        if (age >= header.MaxRetention || age < -header.Archives[0].SecondsPerPoint)
            return false;
        var index = header.Archives.FindIndex(archive => archive.Retention > age);
        var archive = header.Archives[index];
        var interval = timestamp - Mod(timestamp, archive.SecondsPerPoint);
        WritePoint(file, archive, interval, value);
        for (var lower = index + 1; lower < header.Archives.Count; lower++)
        {
            if (!Propagate(file, header, interval, header.Archives[lower - 1], header.Archives[lower]))
                break;
        }
        return true;
    }

    /// <summary>
    /// The values from <paramref name="from"/> to <paramref name="until"/> from the finest archive that covers them,
    /// null where nothing was written, as whisper.fetch answers.
    /// </summary>
    public static WhisperSeries Fetch(string path, long from, long until, long now)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var header = ReadHeader(file);
        var oldest = now - header.MaxRetention;
        if (from > until)
            throw new ArgumentException($"from ({from}) is after until ({until})");
        if (from > now || until < oldest)
            return new WhisperSeries(from, until, header.Archives[0].SecondsPerPoint, []);
        from = Math.Max(from, oldest);
        until = Math.Min(until, now);
        var archive = header.Archives.FirstOrDefault(a => a.Retention >= now - from) ?? header.Archives[^1];
        var step = archive.SecondsPerPoint;
        var fromInterval = from - Mod(from, step) + step;
        var untilInterval = until - Mod(until, step) + step;
        if (fromInterval == untilInterval)
            untilInterval += step;
        var count = (int)((untilInterval - fromInterval) / step);
        var values = new double?[count];
        var baseInterval = ReadInterval(file, archive.Offset);
        if (baseInterval != 0)
        {
            // A range as long as the archive reads each slot once; the rest stays null.
            var readable = Math.Min(count, (int)archive.Points);
            var buffer = new byte[readable * PointSize];
            ReadRing(file, archive, baseInterval, fromInterval, buffer);
            for (var i = 0; i < readable; i++)
            {
                var point = buffer.AsSpan(i * PointSize, PointSize);
                if (BinaryPrimitives.ReadUInt32BigEndian(point) == fromInterval + (i * step))
                    values[i] = BinaryPrimitives.ReadDoubleBigEndian(point[4..]);
            }
        }
        return new WhisperSeries(fromInterval, untilInterval, step, values);
    }

    private static bool Propagate(FileStream file, WhisperHeader header, long interval, WhisperArchive higher, WhisperArchive lower)
    {
        var lowerStart = interval - Mod(interval, lower.SecondsPerPoint);
        var count = (int)(lower.SecondsPerPoint / higher.SecondsPerPoint);
        var baseInterval = ReadInterval(file, higher.Offset);
        var buffer = new byte[count * PointSize];
        if (baseInterval != 0)
            ReadRing(file, higher, baseInterval, lowerStart, buffer);
        var known = new List<double>(count);
        for (var i = 0; i < count; i++)
        {
            var point = buffer.AsSpan(i * PointSize, PointSize);
            if (BinaryPrimitives.ReadUInt32BigEndian(point) == lowerStart + (i * higher.SecondsPerPoint))
                known.Add(BinaryPrimitives.ReadDoubleBigEndian(point[4..]));
        }
        if (known.Count == 0 || (double)known.Count / count < header.XFilesFactor)
            return false;
        WritePoint(file, lower, lowerStart, Aggregate(header.Aggregation, known, count));
        return true;
    }

    private static double Aggregate(WhisperAggregation aggregation, List<double> known, int count) => aggregation switch
    {
        WhisperAggregation.Sum => known.Sum(),
        WhisperAggregation.Last => known[^1],
        WhisperAggregation.Max => known.Max(),
        WhisperAggregation.Min => known.Min(),
        WhisperAggregation.AverageZero => known.Sum() / count,
        WhisperAggregation.AbsMax => known.MaxBy(Math.Abs),
        WhisperAggregation.AbsMin => known.MinBy(Math.Abs),
        _ => known.Average(),
    };

    private static void WritePoint(FileStream file, WhisperArchive archive, long interval, double value)
    {
        Span<byte> point = stackalloc byte[PointSize];
        BinaryPrimitives.WriteUInt32BigEndian(point, (uint)interval);
        BinaryPrimitives.WriteDoubleBigEndian(point[4..], value);
        var baseInterval = ReadInterval(file, archive.Offset);
        file.Position = baseInterval == 0 ? archive.Offset : SlotOffset(archive, baseInterval, interval);
        file.Write(point);
    }

    /// <summary>Reads buffer.Length bytes of the ring from the slot of <paramref name="interval"/>, wrapping at the end.</summary>
    private static void ReadRing(FileStream file, WhisperArchive archive, long baseInterval, long interval, byte[] buffer)
    {
        var start = SlotOffset(archive, baseInterval, interval);
        var end = archive.Offset + archive.Size;
        var first = (int)Math.Min(buffer.Length, end - start);
        file.Position = start;
        file.ReadExactly(buffer, 0, first);
        if (first < buffer.Length)
        {
            file.Position = archive.Offset;
            file.ReadExactly(buffer, first, buffer.Length - first);
        }
    }

    private static long SlotOffset(WhisperArchive archive, long baseInterval, long interval)
    {
        var points = (interval - baseInterval) / archive.SecondsPerPoint;
        return archive.Offset + (Mod(points * PointSize, archive.Size));
    }

    private static long ReadInterval(FileStream file, long offset)
    {
        Span<byte> bytes = stackalloc byte[4];
        file.Position = offset;
        file.ReadExactly(bytes);
        return BinaryPrimitives.ReadUInt32BigEndian(bytes);
    }

    private static WhisperHeader ReadHeader(FileStream file)
    {
        Span<byte> header = stackalloc byte[HeaderSize];
        file.Position = 0;
        file.ReadExactly(header);
        var count = BinaryPrimitives.ReadUInt32BigEndian(header[12..]);
        if (count is 0 or > 64)
            throw new InvalidDataException($"{file.Name} is not a whisper file ({count} archives)");
        var archives = new List<WhisperArchive>((int)count);
        Span<byte> info = stackalloc byte[WhisperArchive.InfoSize];
        for (var i = 0; i < count; i++)
        {
            file.ReadExactly(info);
            archives.Add(new WhisperArchive(BinaryPrimitives.ReadUInt32BigEndian(info), BinaryPrimitives.ReadUInt32BigEndian(info[4..]), BinaryPrimitives.ReadUInt32BigEndian(info[8..])));
        }
        return new WhisperHeader(
            (WhisperAggregation)BinaryPrimitives.ReadUInt32BigEndian(header),
            BinaryPrimitives.ReadUInt32BigEndian(header[4..]),
            BinaryPrimitives.ReadSingleBigEndian(header[8..]),
            archives);
    }

    private static long Mod(long value, long divisor) => ((value % divisor) + divisor) % divisor;
}

/// <summary>How points are averaged down into coarser archives (whisper's numbering).</summary>
public enum WhisperAggregation
{
    Average = 1,
    Sum = 2,
    Last = 3,
    Max = 4,
    Min = 5,
    AverageZero = 6,
    AbsMax = 7,
    AbsMin = 8,
}

public sealed record WhisperHeader(WhisperAggregation Aggregation, uint MaxRetention, float XFilesFactor, List<WhisperArchive> Archives);

/// <summary>Values from <see cref="From"/> (inclusive) to <see cref="Until"/> (exclusive), one per <see cref="Step"/>.</summary>
public sealed record WhisperSeries(long From, long Until, long Step, IReadOnlyList<double?> Values);
