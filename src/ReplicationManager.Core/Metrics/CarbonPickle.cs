using System.Buffers.Binary;
using System.Text;

namespace ReplicationManager.Core.Metrics;

/// <summary>
/// Carbon's pickle protocol: a 4-byte big-endian length, then a Python pickle of a list of
/// <c>(path, (timestamp, value))</c>. Only the opcodes such a list uses are read (protocols 0 to 5); anything that
/// could make objects or call code (GLOBAL, REDUCE, BUILD...) is refused, so a hostile payload is an error, never run.
/// </summary>
public static class CarbonPickle
{
    public const int MaxPayload = 1 << 24;

    public static IReadOnlyList<MetricPoint> Parse(ReadOnlySpan<byte> pickle)
    {
        var stack = new List<object?>();
        var marks = new Stack<int>();
        var memo = new Dictionary<long, object?>();
        var at = 0;
        while (true)
        {
            if (at >= pickle.Length)
                throw new FormatException("the pickle ends before STOP");
            var opcode = pickle[at++];
            switch (opcode)
            {
                case 0x80: // PROTO
                    at++;
                    break;
                case 0x95: // FRAME
                    at += 8;
                    break;
                case (byte)']': // EMPTY_LIST
                    stack.Add(new List<object?>());
                    break;
                case (byte)')': // EMPTY_TUPLE
                    stack.Add(Array.Empty<object?>());
                    break;
                case (byte)'(': // MARK
                    marks.Push(stack.Count);
                    break;
                case (byte)'e': // APPENDS
                    var from = Pop(marks);
                    var items = stack.GetRange(from, stack.Count - from);
                    stack.RemoveRange(from, stack.Count - from);
                    List(stack).AddRange(items);
                    break;
                case (byte)'a': // APPEND
                    var item = stack[^1];
                    stack.RemoveAt(stack.Count - 1);
                    List(stack).Add(item);
                    break;
                case (byte)'l': // LIST (protocol 0)
                    var listFrom = Pop(marks);
                    var listed = stack.GetRange(listFrom, stack.Count - listFrom);
                    stack.RemoveRange(listFrom, stack.Count - listFrom);
                    stack.Add(listed);
                    break;
                case (byte)'V': // UNICODE (protocol 0)
                    stack.Add(Line(pickle, ref at));
                    break;
                case (byte)'p': // PUT (protocol 0)
                    memo[long.Parse(Line(pickle, ref at), System.Globalization.CultureInfo.InvariantCulture)] = stack[^1];
                    break;
                case (byte)'g': // GET (protocol 0)
                    stack.Add(memo.TryGetValue(long.Parse(Line(pickle, ref at), System.Globalization.CultureInfo.InvariantCulture), out var gotText) ? gotText : throw new FormatException("GET of an unknown memo"));
                    break;
                case (byte)'t': // TUPLE
                    var start = Pop(marks);
                    var tuple = stack.GetRange(start, stack.Count - start).ToArray();
                    stack.RemoveRange(start, stack.Count - start);
                    stack.Add(tuple);
                    break;
                case 0x85: // TUPLE1
                case 0x86: // TUPLE2
                case 0x87: // TUPLE3
                    var size = opcode - 0x84;
                    if (stack.Count < size)
                        throw new FormatException("a tuple of more items than the pickle holds");
                    var made = stack.GetRange(stack.Count - size, size).ToArray();
                    stack.RemoveRange(stack.Count - size, size);
                    stack.Add(made);
                    break;
                case (byte)'X': // BINUNICODE
                    stack.Add(Text(pickle, ref at, (int)BinaryPrimitives.ReadUInt32LittleEndian(Take(pickle, ref at, 4))));
                    break;
                case 0x8c: // SHORT_BINUNICODE
                case (byte)'U': // SHORT_BINSTRING
                    stack.Add(Text(pickle, ref at, Take(pickle, ref at, 1)[0]));
                    break;
                case (byte)'T': // BINSTRING
                    stack.Add(Text(pickle, ref at, (int)BinaryPrimitives.ReadUInt32LittleEndian(Take(pickle, ref at, 4))));
                    break;
                case (byte)'J': // BININT
                    stack.Add((double)BinaryPrimitives.ReadInt32LittleEndian(Take(pickle, ref at, 4)));
                    break;
                case (byte)'K': // BININT1
                    stack.Add((double)Take(pickle, ref at, 1)[0]);
                    break;
                case (byte)'M': // BININT2
                    stack.Add((double)BinaryPrimitives.ReadUInt16LittleEndian(Take(pickle, ref at, 2)));
                    break;
                case 0x8a: // LONG1
                    var length = Take(pickle, ref at, 1)[0];
                    var bytes = Take(pickle, ref at, length);
                    stack.Add(length == 0 ? 0d : (double)new System.Numerics.BigInteger(bytes, isUnsigned: false, isBigEndian: false));
                    break;
                case (byte)'G': // BINFLOAT
                    stack.Add(BinaryPrimitives.ReadDoubleBigEndian(Take(pickle, ref at, 8)));
                    break;
                case (byte)'I': // INT (protocol 0)
                case (byte)'F': // FLOAT (protocol 0)
                case (byte)'L': // LONG (protocol 0)
                    stack.Add(double.Parse(Line(pickle, ref at).TrimEnd('L'), System.Globalization.CultureInfo.InvariantCulture));
                    break;
                case 0x94: // MEMOIZE
                    memo[memo.Count] = stack[^1];
                    break;
                case (byte)'q': // BINPUT
                    memo[Take(pickle, ref at, 1)[0]] = stack[^1];
                    break;
                case (byte)'r': // LONG_BINPUT
                    memo[BinaryPrimitives.ReadUInt32LittleEndian(Take(pickle, ref at, 4))] = stack[^1];
                    break;
                case (byte)'h': // BINGET
                    stack.Add(memo.TryGetValue(Take(pickle, ref at, 1)[0], out var got) ? got : throw new FormatException("BINGET of an unknown memo"));
                    break;
                case (byte)'j': // LONG_BINGET
                    stack.Add(memo.TryGetValue(BinaryPrimitives.ReadUInt32LittleEndian(Take(pickle, ref at, 4)), out var gotLong) ? gotLong : throw new FormatException("LONG_BINGET of an unknown memo"));
                    break;
                case (byte)'.': // STOP
                    return Points(stack.Count == 1 ? stack[0] : throw new FormatException("the pickle does not hold one list"));
                default:
                    throw new FormatException($"pickle opcode 0x{opcode:x2} at byte {at - 1} is not part of a carbon metric list");
            }
        }
    }

    private static List<MetricPoint> Points(object? list)
    {
        if (list is not List<object?> items)
            throw new FormatException("the pickle does not hold a list");
        var points = new List<MetricPoint>(items.Count);
        foreach (var entry in items)
        {
            if (entry is not object?[] { Length: 2 } pair || pair[0] is not string name || pair[1] is not object?[] { Length: 2 } datapoint
                || datapoint[0] is not double timestamp || datapoint[1] is not double value)
                throw new FormatException("an entry is not (path, (timestamp, value))");
            points.Add(new MetricPoint(name, value, (long)timestamp));
        }
        return points;
    }

    private static int Pop(Stack<int> marks) => marks.Count > 0 ? marks.Pop() : throw new FormatException("a pickle mark is missing");

    private static List<object?> List(List<object?> stack) =>
        stack.Count > 0 && stack[^1] is List<object?> list ? list : throw new FormatException("APPEND without a list");

    private static ReadOnlySpan<byte> Take(ReadOnlySpan<byte> pickle, ref int at, int count)
    {
        if (count < 0 || at + count > pickle.Length)
            throw new FormatException("the pickle ends inside a value");
        var slice = pickle.Slice(at, count);
        at += count;
        return slice;
    }

    private static string Text(ReadOnlySpan<byte> pickle, ref int at, int count) => Encoding.UTF8.GetString(Take(pickle, ref at, count));

    private static string Line(ReadOnlySpan<byte> pickle, ref int at)
    {
        var end = pickle[at..].IndexOf((byte)'\n');
        if (end < 0)
            throw new FormatException("a protocol-0 number without its newline");
        var text = Encoding.ASCII.GetString(pickle.Slice(at, end));
        at += end + 1;
        return text;
    }
}
