using Microsoft.Win32.SafeHandles;

namespace PeerBot.MatchTool;

/// <summary>A JSON lines file read a block at a time, its lines parsed on every core and validated in line order.</summary>
public static partial class RosterReader
{
    // A state roster is tens of megabytes: it is read a block at a time into one buffer, not copied whole into memory.
    private const int BlockBytes = 1 << 20;

    /// <summary>
    /// JSON lines in UTF-8 from <paramref name="file"/>, whose first <paramref name="filled"/> bytes are in
    /// <paramref name="buffer"/>: each block of whole lines is parsed, then the unfinished last line is carried over.
    /// </summary>
    private static Roster ReadJsonLines(SafeFileHandle file, byte[] buffer, int filled, bool keepFields)
    {
        var lines = new Lines(keepFields, (int)Math.Min(RandomAccess.GetLength(file) / 256, 1 << 22));
        long position = filled;
        var start = buffer.AsSpan(0, filled) is [0xEF, 0xBB, 0xBF, ..] ? 3 : 0;
        var number = 1;
        while (true)
        {
            var finished = filled < buffer.Length;
            var end = finished ? filled : EndOfLastLine(buffer.AsSpan(start, filled - start)) is var last and >= 0 ? start + last : -1;
            if (end < 0)
            {
                // One line longer than the buffer: a bigger one.
                Array.Resize(ref buffer, buffer.Length * 2);
            }
            else
            {
                if (end > start)
                {
                    number = lines.Parse(buffer.AsMemory(start, end - start), number);
                }

                if (finished)
                {
                    return lines.Roster();
                }

                buffer.AsSpan(end, filled - end).CopyTo(buffer);
                filled -= end;
                start = 0;
            }

            var read = Fill(file, buffer, filled, position);
            position += read;
            filled += read;
        }
    }

    /// <summary>Reads from <paramref name="position"/> until <paramref name="buffer"/> is full or the file ends; the bytes read.</summary>
    private static int Fill(SafeFileHandle file, byte[] buffer, int from, long position)
    {
        var read = 0;
        for (int n; from + read < buffer.Length && (n = RandomAccess.Read(file, buffer.AsSpan(from + read), position + read)) > 0;)
        {
            read += n;
        }

        return read;
    }

    /// <summary>
    /// Where the last whole line of <paramref name="block"/> ends (after its line break), -1 when none does; a \r at the
    /// very end may be the first half of \r\n, so its line waits for the next block.
    /// </summary>
    private static int EndOfLastLine(ReadOnlySpan<byte> block)
    {
        var at = block.LastIndexOfAny((byte)'\n', (byte)'\r');
        if (at == block.Length - 1 && block[at] == '\r')
        {
            at = block[..at].LastIndexOfAny((byte)'\n', (byte)'\r');
        }

        return at < 0 ? -1 : at + 1;
    }

    /// <summary>The lines of one file, parsed block by block and validated in line order.</summary>
    private sealed class Lines(bool keepFields, int expected)
    {
        private readonly Builder _builder = new(keepFields, expected);
        private readonly FlatJsonLine.Shared _shared = new();
        private readonly List<int> _starts = [];
        // Kept from block to block with the values it has parsed.
        private readonly PlainJsonLine? _plain = keepFields ? null : new PlainJsonLine();
        private ParsedLine[] _parsed = [];

        public Roster Roster() => _builder.Roster();

        /// <summary>Parses the lines of <paramref name="utf8"/>, the first being line <paramref name="number"/>; the next line's number.</summary>
        public int Parse(ReadOnlyMemory<byte> utf8, int number)
        {
            // Line starts, as TextReader.ReadLine splits: at \n, \r\n or a lone \r; no line after a final line break.
            var starts = _starts;
            starts.Clear();
            starts.Add(0);
            var span = utf8.Span;
            for (var at = span.IndexOfAny((byte)'\n', (byte)'\r'); at >= 0;)
            {
                var next = at + (span[at] == '\r' && at + 1 < span.Length && span[at + 1] == '\n' ? 2 : 1);
                starts.Add(next);
                var found = span[next..].IndexOfAny((byte)'\n', (byte)'\r');
                at = found < 0 ? -1 : next + found;
            }

            if (starts[^1] == span.Length && starts.Count > 1)
            {
                starts.RemoveAt(starts.Count - 1);
            }

            var count = starts.Count;
            if (_parsed.Length < count)
            {
                _parsed = new ParsedLine[count];
            }

            var parsed = _parsed;
            var shared = _shared;
            var claimed = 0;

            // Blocks of lines are claimed in turn by this thread and, for a long block, one helper per other core.
            var plain = _plain;

            void ParseBlocks()
            {
                var fields = new KeyValuePair<string, string>[FlatJsonLine.MaxFields];
                var whole = utf8.Span;
                for (var first = Interlocked.Add(ref claimed, LinesPerBlock) - LinesPerBlock; first < count;
                     first = Interlocked.Add(ref claimed, LinesPerBlock) - LinesPerBlock)
                {
                    for (var i = first; i < Math.Min(first + LinesPerBlock, count); i++)
                    {
                        var to = i + 1 < count ? starts[i + 1] : whole.Length;
                        parsed[i] = ParseJsonLine(whole[starts[i]..to].TrimEnd("\r\n"u8), number + i, shared, fields, plain);
                    }
                }
            }

            var helpers = new Task[Math.Max(0, Math.Min(Environment.ProcessorCount, count / LinesPerBlock) - 1)];
            for (var h = 0; h < helpers.Length; h++)
            {
                helpers[h] = Task.Run(ParseBlocks);
            }

            ParseBlocks();
            Task.WaitAll(helpers);

            foreach (var line in parsed.AsSpan(0, count))
            {
                if (line.Rejected is { } rejected)
                {
                    _builder.Reject(rejected);
                }
                else if (!line.Blank)
                {
                    _builder.Add(line.Number, line.Id, line.Fields, line.Built, line.Flat, line.Grades);
                }
            }

            return number + count;
        }
    }
}
