using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ReplicationManager.Core.Topology;

/// <summary>
/// A MariaDB GTID list as the server prints it (<c>gtid_binlog_pos</c>, <c>gtid_slave_pos</c>, <c>Gtid_IO_Pos</c>...):
/// comma-separated positions, at most one per domain (or per domain and server in <c>gtid_binlog_state</c>).
/// Compared by value; written to JSON as its text.
/// </summary>
[JsonConverter(typeof(GtidListJsonConverter))]
public sealed class GtidList : IEquatable<GtidList>
{
    /// <summary>The empty list (a server that has written nothing, or MySQL, whose GTIDs are not parsed here).</summary>
    public static readonly GtidList Empty = new([]);

    public GtidList(IReadOnlyList<GtidPosition> positions) => Positions = positions;

    public IReadOnlyList<GtidPosition> Positions { get; }

    public bool IsEmpty => Positions.Count == 0;

    /// <summary>The sequence this list holds for a domain and writer, or null.</summary>
    public ulong? SequenceOf(uint domain, uint serverId)
    {
        foreach (var position in Positions)
        {
            if (position.Domain == domain && position.ServerId == serverId)
                return position.Sequence;
        }
        return null;
    }

    /// <summary>The position of a domain (the last one listed for it), or null.</summary>
    public GtidPosition? InDomain(uint domain) => Positions.LastOrDefault(p => p.Domain == domain);

    /// <summary>
    /// The positions of this list that <paramref name="other"/> does not hold: a domain and writer it lacks, or a
    /// higher sequence than it has for them. Run on <c>gtid_binlog_state</c>, these are a replica's errant transactions.
    /// </summary>
    public IReadOnlyList<GtidPosition> NotIn(GtidList other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Positions.Where(p => other.SequenceOf(p.Domain, p.ServerId) is not { } sequence || sequence < p.Sequence).ToList();
    }

    public override string ToString() => string.Join(',', Positions);

    /// <summary>Reads a list; false when an entry is not <c>domain-server-sequence</c> (a MySQL GTID set, say).</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out GtidList? list)
    {
        list = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            list = Empty;
            return true;
        }
        var positions = new List<GtidPosition>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!GtidPosition.TryParse(part, out var position))
                return false;
            positions.Add(position);
        }
        list = new GtidList(positions);
        return true;
    }

    /// <summary>Reads a list, or <see cref="Empty"/> when the text is not a MariaDB GTID list.</summary>
    public static GtidList ParseOrEmpty(string? text) => TryParse(text, out var list) ? list : Empty;

    public bool Equals(GtidList? other) => other is not null && Positions.SequenceEqual(other.Positions);

    public override bool Equals(object? obj) => obj is GtidList other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var position in Positions)
            hash.Add(position);
        return hash.ToHashCode();
    }

    public static bool operator ==(GtidList? left, GtidList? right) => left?.Equals(right) ?? right is null;

    public static bool operator !=(GtidList? left, GtidList? right) => !(left == right);

    private sealed class GtidListJsonConverter : JsonConverter<GtidList>
    {
        public override GtidList Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            TryParse(reader.GetString(), out var list) ? list : throw new JsonException($"'{reader.GetString()}' is not a GTID list");

        public override void Write(Utf8JsonWriter writer, GtidList value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToString());
    }
}
