using System.Text;

namespace ReplicationManager.Core.Backups;

/// <summary>
/// The last lines a tool wrote to one of its outputs, bounded so that a chatty tool cannot fill memory, with every
/// secret replaced by <c>****</c> before it is kept: the text ends up in job results and logs.
/// </summary>
internal sealed class OutputTail(IReadOnlyList<string> secrets, int maxLines = 40, int maxLineLength = 1000)
{
    private readonly Queue<string> _lines = new();
    private readonly object _gate = new();

    public int LineCount { get; private set; }

    /// <summary>Keeps a line (redacted, cut to length) and returns it as kept.</summary>
    public string Add(string line)
    {
        foreach (var secret in secrets.Where(secret => secret.Length > 0))
            line = line.Replace(secret, "****", StringComparison.Ordinal);
        if (line.Length > maxLineLength)
            line = line[..maxLineLength] + "…";
        lock (_gate)
        {
            _lines.Enqueue(line);
            if (_lines.Count > maxLines)
                _lines.Dequeue();
            LineCount++;
        }
        return line;
    }

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_gate)
                return _lines.ToList();
        }
    }

    public override string ToString()
    {
        var text = new StringBuilder();
        lock (_gate)
        {
            if (LineCount > _lines.Count)
                text.Append("… (").Append(LineCount - _lines.Count).Append(" earlier lines)\n");
            foreach (var line in _lines)
                text.Append(line).Append('\n');
        }
        return text.ToString().TrimEnd('\n');
    }
}
