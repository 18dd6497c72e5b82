using System.Text;
using System.Text.RegularExpressions;

namespace ReplicationManager.Core.Backups;

/// <summary>
/// Reads the coordinates a mariadb-dump (or mysqldump) writes into its own text while the dump streams through:
/// <c>-- CHANGE MASTER TO MASTER_LOG_FILE='f', MASTER_LOG_POS=n;</c> near the start, MariaDB's
/// <c>-- SET GLOBAL gtid_slave_pos='…';</c> near the end, and the closing <c>-- Dump completed</c> line. Only short
/// lines are looked at: data lines (long INSERTs) are skipped without being copied, so memory stays bounded.
/// </summary>
internal sealed partial class DumpPositionScanner
{
    private const int MaxLine = 4096;

    private readonly byte[] _line = new byte[MaxLine];
    private int _length;
    private bool _overflow;
    private string? _gtid;
    private string? _file;
    private long? _position;

    /// <summary>The last non-empty line read so far is the dump's closing comment.</summary>
    public bool EndsWithCompletion { get; private set; }

    /// <summary>Whether the dump recorded its own server's coordinates or its source's (<c>--dump-slave</c>).</summary>
    public CoordinatesOf Of { get; set; } = CoordinatesOf.Server;

    public DumpPosition Position =>
        _gtid is null && _file is null ? DumpPosition.None : new DumpPosition(_gtid, _file, _position, Of);

    public void Feed(ReadOnlySpan<byte> chunk)
    {
        while (!chunk.IsEmpty)
        {
            var newline = chunk.IndexOf((byte)'\n');
            var part = newline < 0 ? chunk : chunk[..newline];
            Append(part);
            if (newline < 0)
                return;
            EndLine();
            chunk = chunk[(newline + 1)..];
        }
    }

    /// <summary>Reads a last line that has no newline after it.</summary>
    public void Complete()
    {
        if (_length > 0 || _overflow)
            EndLine();
    }

    private void Append(ReadOnlySpan<byte> part)
    {
        if (_overflow)
            return;
        if (_length + part.Length > MaxLine)
        {
            _overflow = true;
            return;
        }
        part.CopyTo(_line.AsSpan(_length));
        _length += part.Length;
    }

    private void EndLine()
    {
        var line = _line.AsSpan(0, _length).Trim(" \t\r"u8);
        if (_overflow || (!line.IsEmpty && line[0] is not ((byte)'-' or (byte)'C' or (byte)'S')))
            EndsWithCompletion = false;
        else if (!line.IsEmpty)
            Read(Encoding.UTF8.GetString(line));
        _length = 0;
        _overflow = false;
    }

    /// <summary>Reads a comment or statement line that may hold coordinates (data and DDL lines are not decoded).</summary>
    private void Read(string line)
    {
        EndsWithCompletion = line.StartsWith("-- Dump completed", StringComparison.Ordinal);
        if (_file is null && ChangeMaster().Match(line) is { Success: true } change)
        {
            _file = change.Groups["file"].Value;
            _position = long.Parse(change.Groups["position"].ValueSpan, provider: System.Globalization.CultureInfo.InvariantCulture);
        }
        else if (_gtid is null && GtidSlavePos().Match(line) is { Success: true } gtid)
        {
            _gtid = gtid.Groups["gtid"].Value;
        }
        else if (_gtid is null && GtidPurged().Match(line) is { Success: true } purged)
        {
            _gtid = purged.Groups["gtid"].Value;
        }
    }

    [GeneratedRegex(@"^(?:-- )?CHANGE (?:MASTER|REPLICATION SOURCE)(?: '[^']*')? TO (?:MASTER|SOURCE)_LOG_FILE='(?<file>[^']+)', (?:MASTER|SOURCE)_LOG_POS=(?<position>\d+)")]
    private static partial Regex ChangeMaster();

    [GeneratedRegex(@"^(?:-- )?SET GLOBAL gtid_slave_pos\s*=\s*'(?<gtid>[^']*)'")]
    private static partial Regex GtidSlavePos();

    [GeneratedRegex(@"^SET @@GLOBAL\.GTID_PURGED\s*=\s*(?:/\*!80000 '\+'\*/ )?'(?<gtid>[^']*)'")]
    private static partial Regex GtidPurged();
}
