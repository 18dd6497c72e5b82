using System.Globalization;
using ReplicationManager.Core.Options;

namespace ReplicationManager.Core.Logging;

/// <summary>
/// A log file appended to and rotated by size: a write that would take it past <see cref="LogRotation.MaxBytes"/>
/// first renames it <c>{name}-{yyyy-MM-ddTHH-mm-ss.fff}{extension}</c> (UTC, the time of the rotation, as
/// replication-manager's rotating writer names them), then prunes the rotated files beyond the count or age kept.
/// A file removed or moved away meanwhile (an operator's logrotate) is created again at the next write. Each write
/// reaches the system at once. Callers serialize their calls.
/// </summary>
public sealed class RotatingLogFile(string path, LogRotation rotation, TimeProvider time) : IDisposable
{
    private const string Stamp = "yyyy-MM-dd'T'HH-mm-ss.fff";

    private readonly string _directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
    private readonly string _name = Path.GetFileNameWithoutExtension(path);
    private readonly string _extension = Path.GetExtension(path);
    private FileStream? _file;
    private long _size;

    /// <summary>The file, as given (a relative path is relative to the working directory).</summary>
    public string FilePath { get; } = path;

    public void Append(ReadOnlySpan<byte> bytes)
    {
        var file = Open();
        if (_size > 0 && _size + bytes.Length > rotation.MaxBytes)
        {
            Rotate();
            file = Open();
        }
        try
        {
            file.Write(bytes);
            file.Flush();
            _size += bytes.Length;
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        _file?.Dispose();
        _file = null;
    }

    /// <summary>The rotated files of this log, oldest first.</summary>
    public IReadOnlyList<string> Rotated()
    {
        if (!Directory.Exists(_directory))
            return [];
        return Directory.EnumerateFiles(_directory, $"{_name}-*{_extension}")
            .Where(file => RotatedAt(file) is not null)
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    private FileStream Open()
    {
        if (_file is not null && File.Exists(FilePath))
            return _file;
        Dispose();
        Directory.CreateDirectory(_directory);
        _file = new FileStream(FilePath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.None);
        _size = _file.Length;
        return _file;
    }

    private void Rotate()
    {
        Dispose();
        var now = time.GetUtcNow().UtcDateTime;
        // Two rotations within one millisecond: the later takes the next free millisecond, so that names still sort in order.
        for (var taken = 0; ; taken++)
        {
            var target = Path.Combine(_directory, $"{_name}-{now.AddMilliseconds(taken).ToString(Stamp, CultureInfo.InvariantCulture)}{_extension}");
            if (File.Exists(target))
                continue;
            if (File.Exists(FilePath))
                File.Move(FilePath, target);
            break;
        }
        Prune(now);
    }

    private void Prune(DateTime now)
    {
        var rotated = Rotated();
        for (var i = 0; i < rotated.Count; i++)
        {
            var tooMany = rotation.MaxBackups > 0 && i < rotated.Count - rotation.MaxBackups;
            var tooOld = rotation.MaxAge > TimeSpan.Zero && RotatedAt(rotated[i]) < now - rotation.MaxAge;
            if (tooMany || tooOld)
                File.Delete(rotated[i]);
        }
    }

    /// <summary>When <paramref name="file"/> was rotated, read from its name; null for a file that is not one of this log's.</summary>
    private DateTime? RotatedAt(string file)
    {
        var name = Path.GetFileName(file.AsSpan());
        if (name.Length < _name.Length + 1 + _extension.Length)
            return null;
        var stamp = name[(_name.Length + 1)..^_extension.Length];
        return DateTime.TryParseExact(stamp, Stamp, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : null;
    }
}
