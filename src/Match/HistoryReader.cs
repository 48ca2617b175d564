using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Unicode;
using PeerBot.Matching.Rules;

namespace PeerBot.MatchTool;

/// <summary>Reads <c>history.csv</c>: <c>a,b,date</c> a line (past pairings, dates YYYY-MM-DD), with an optional header.</summary>
public static class HistoryReader
{
    public static PairingHistory Read(string path) => Read(path, null);

    /// <summary>
    /// The file at <paramref name="path"/>, keeping only the pairings <paramref name="scope"/> asks for (every pairing when
    /// null); every line is read and checked all the same, bad ones named by their line numbers.
    /// </summary>
    public static PairingHistory Read(string path, HistoryScope? scope)
    {
        var known = scope is null ? null : new Known(scope);
        using (var file = File.OpenHandle(path))
        {
            var length = RandomAccess.GetLength(file);
            if (ReadUtf8((into, offset) => RandomAccess.Read(file, into, offset), length, Blocks(length), ChunkBytes, known) is { } read)
            {
                return read;
            }
        }

        return ReadText(File.ReadAllText(path), known);
    }

    public static PairingHistory Read(TextReader text, HistoryScope? scope = null) => ReadText(text.ReadToEnd(), scope is null ? null : new Known(scope));

    /// <summary>
    /// A file's bytes as <see cref="Read(string)"/> reads them: UTF-8 (a byte order mark skipped). A file with no quote in
    /// it is read line by line from its bytes; a file with a quote, or written in UTF-16 or UTF-32 (by its byte order
    /// mark), is decoded as <see cref="File.ReadAllText(string)"/> would and read by <see cref="Read(TextReader)"/>.
    /// </summary>
    public static PairingHistory Read(byte[] file) => Read(file, Blocks(file?.Length ?? 0), ChunkBytes);

    /// <summary>As <see cref="Read(byte[])"/>, in <paramref name="blocks"/> blocks side by side, each read <paramref name="chunk"/> bytes at a time.</summary>
    internal static PairingHistory Read(byte[] file, int blocks, int chunk, HistoryScope? scope = null)
    {
        ArgumentNullException.ThrowIfNull(file);
        var known = scope is null ? null : new Known(scope);
        if (ReadUtf8((into, offset) => Copy(file, into, offset), file.Length, blocks, chunk, known) is { } read)
        {
            return read;
        }

        using var text = new StreamReader(new MemoryStream(file), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return ReadText(text.ReadToEnd(), known);

        static int Copy(byte[] file, Span<byte> into, long offset)
        {
            var count = (int)Math.Clamp(file.Length - offset, 0, into.Length);
            file.AsSpan((int)offset, count).CopyTo(into);
            return count;
        }
    }

    private const int ChunkBytes = 1 << 20;

    /// <summary>A file of 4 MB or more is read in as many blocks as there are cores.</summary>
    private static int Blocks(long length) => length >= 1 << 22 ? Math.Clamp(Environment.ProcessorCount, 1, 16) : 1;

    /// <summary>Reads bytes of the file from <paramref name="offset"/> into <paramref name="into"/>; how many (0 at its end).</summary>
    private delegate int ReadAt(Span<byte> into, long offset);

    /// <summary>
    /// A file without quotes, read from its bytes; null when it must be decoded and read as text instead (a UTF-16 or UTF-32
    /// byte order mark, or a quote somewhere). A long file is read in blocks side by side, block k reading the lines that
    /// start in its k-th share of the bytes (the line running into it from before is its predecessor's), each with its
    /// own ids and its lines counted from its start, then joined in order: the same pairings in the same order, and the
    /// same rejections with the same line numbers, as one reading. Only the file's first line can be the header: if the
    /// first block holds no line at all, the file is read again in one block.
    /// </summary>
    private static PairingHistory? ReadUtf8(ReadAt read, long length, int blocks, int chunk, Known? known)
    {
        Span<byte> head = stackalloc byte[4];
        var got = 0;
        for (int n; got < head.Length && (n = read(head[got..], got)) > 0;)
        {
            got += n;
        }

        head = head[..got];
        if (head is [0xFE, 0xFF, ..] or [0xFF, 0xFE, ..] or [0, 0, 0xFE, 0xFF, ..])
        {
            return null;
        }

        long start = head is [0xEF, 0xBB, 0xBF, ..] ? 3 : 0;
        blocks = (int)Math.Clamp(Math.Min(blocks, length - start), 1, 64);
        var bounds = new long[blocks + 1];
        for (var k = 0; k <= blocks; k++)
        {
            bounds[k] = start + ((length - start) * k / blocks);
        }

        var readers = new BlockReader[blocks];
        var others = new Task[blocks - 1];
        for (var k = 0; k < blocks; k++)
        {
            readers[k] = new BlockReader(read, bounds[k], bounds[k + 1], length, first: k == 0, skip: k > 0, chunk, known);
            if (k > 0)
            {
                others[k - 1] = Task.Run(readers[k].Read);
            }
        }

        readers[0].Read();
        Task.WaitAll(others);
        if (readers.Any(r => r.Quoted))
        {
            return null;
        }

        var history = readers[0].History;
        if (blocks > 1 && history.First)
        {
            var again = new BlockReader(read, start, length, length, first: true, skip: false, chunk, known);
            again.Read();
            return again.Quoted ? null : again.History.Result();
        }

        var lines = readers[0].Lines;
        for (var k = 1; k < blocks; k++)
        {
            history.Add(readers[k].History, lines);
            lines += readers[k].Lines;
        }

        return history.Result();
    }

    /// <summary>
    /// Reads the lines starting from <c>from</c> up to (not including) <c>to</c>, a chunk of the file at a time into one
    /// buffer (a line cut by the chunk's end is read whole with the next chunk; a line longer than the buffer grows it).
    /// With <c>skip</c>, the line already running at <c>from</c> is left to the block before.
    /// </summary>
    private sealed class BlockReader(ReadAt read, long from, long to, long length, bool first, bool skip, int chunk, Known? known)
    {
        // This block's own ids when every pairing is kept; the roster's, shared by every block, when only its people's are.
        private readonly Utf8Ids _ids = known?.Bytes ?? new();
        private readonly int _cutOff = known?.CutOff ?? -1;
        private (ulong W0, ulong W1, int Length, int Number) _lastFirst = (0, 0, -1, -1);

        // Lines waiting for their second id: looked up Batch at a time, so the table's cache misses overlap.
        private readonly int[] _pendingA = new int[Utf8Ids.Batch];
        private readonly int[] _pendingDay = new int[Utf8Ids.Batch];
        private readonly int[] _pendingB = new int[Utf8Ids.Batch];
        private readonly Range[] _pendingKeys = new Range[Utf8Ids.Batch];
        private int _pending;
        private int _touched;
        private bool _projected;

        public Builder History { get; } = new(known is null ? (int)Math.Min((to - from) / 24, 1 << 26) : 16, first, known);

        /// <summary>How many lines this block read (blank ones too).</summary>
        public int Lines { get; private set; }

        /// <summary>True when a line holds a quote: the file is to be read by the CSV reader instead.</summary>
        public bool Quoted { get; private set; }

        public void Read()
        {
            var buffer = new byte[Math.Max(chunk, 16)];
            var position = skip ? from - 1 : from; // the file offset of buffer[0]
            var filled = 0;
            while (true)
            {
                var got = read(buffer.AsSpan(filled), position + filled);
                filled += got;
                var end = got == 0 || position + filled >= length;
                var text = buffer.AsSpan(0, filled);
                var used = 0;
                if (skip)
                {
                    var lineBreak = text.IndexOf((byte)'\n');
                    if (lineBreak < 0)
                    {
                        if (end)
                        {
                            return;
                        }

                        (position, filled) = (position + filled, 0);
                        continue;
                    }

                    (used, skip) = (lineBreak + 1, false);
                }

                // Whole lines only: up to the last line break, or to the file's end.
                var whole = end ? filled : used + text[used..].LastIndexOf((byte)'\n') + 1;
                if (whole > used)
                {
                    var limit = (int)Math.Min(to - (position + used), int.MaxValue);
                    var (count, stop) = ReadLines(text[used..whole], limit);
                    if (stop || Quoted)
                    {
                        return;
                    }

                    used += count;
                    Project(position + used);
                }

                if (end)
                {
                    return;
                }

                if (used == 0 && filled == buffer.Length)
                {
                    Array.Resize(ref buffer, buffer.Length * 2);
                }

                buffer.AsSpan(used, filled - used).CopyTo(buffer);
                (position, filled) = (position + used, filled - used);
            }
        }

        /// <summary>
        /// Reads whole lines from <paramref name="text"/> while they start before <paramref name="limit"/>: how many bytes
        /// were read, and whether the limit was reached. The usual line, <c>a,b,YYYY-MM-DD</c> in printable ASCII with no
        /// space or quote, is read from its bytes in one pass: each distinct id found by its bytes (one string made the first
        /// time), the date without a string. Any other line (spaces, other scripts, a carriage return inside, too few or
        /// many cells, an empty id, a bad date, the header) is decoded and read as <see cref="Read(TextReader)"/> reads it,
        /// so it is accepted or rejected with the same words.
        /// </summary>
        private (int Read, bool Stop) ReadLines(ReadOnlySpan<byte> text, int limit)
        {
            try
            {
                return ReadLinesBatched(text, limit);
            }
            finally
            {
                Flush(text);
            }
        }

        private (int Read, bool Stop) ReadLinesBatched(ReadOnlySpan<byte> text, int limit)
        {
            var at = 0;
            while (at < text.Length)
            {
                if (at >= limit)
                {
                    return (at, true);
                }

                Lines++;
                var a = Cell(text, at);
                var b = a < 0 ? -1 : Cell(text, a + 1);
                if (b >= 0 && b + 11 <= text.Length && IsoDay(text.Slice(b + 1, 10)) is var day and >= 0 && NextLine(text, b + 11) is var next and >= 0)
                {
                    if (day <= _cutOff)
                    {
                        History.Add(-1, -1, day);
                    }
                    else if (known is null)
                    {
                        History.Add(First(text[at..a]), _ids.Number(text[(a + 1)..b], History.Table), day);
                    }
                    else if (First(text[at..a]) is var i and >= 0)
                    {
                        (_pendingA[_pending], _pendingKeys[_pending], _pendingDay[_pending]) = (i, (a + 1)..b, day);
                        if (++_pending == Utf8Ids.Batch)
                        {
                            Flush(text);
                        }
                    }
                    else
                    {
                        History.Add(-1, -1, day);
                    }

                    at = next;
                    continue;
                }

                // Pairings keep the order of their lines.
                Flush(text);
                var end = text[at..].IndexOf((byte)'\n');
                var row = end < 0 ? text[at..] : text.Slice(at, end);
                at = end < 0 ? text.Length : at + end + 1;
                if (row.Contains((byte)'"'))
                {
                    Quoted = true;
                    return (at, true);
                }

                if (!row.IsEmpty)
                {
                    ReadLine(History, Lines, Encoding.UTF8.GetString(row));
                }
            }

            return (at, at >= limit);
        }

        /// <summary>The lines waiting for their second id, looked up together and added in their order.</summary>
        private void Flush(ReadOnlySpan<byte> text)
        {
            if (_pending == 0)
            {
                return;
            }

            _touched += _ids.FindMany(text, _pendingKeys.AsSpan(0, _pending), _pendingB);
            for (var k = 0; k < _pending; k++)
            {
                History.Add(_pendingA[k], _pendingB[k], _pendingDay[k]);
            }

            _pending = 0;
        }

        /// <summary>
        /// Once a megabyte is read, room for as many pairings as the rest promises at this rate (the first block makes room for
        /// every block's, which join it): no array grown step by step and copied each time.
        /// </summary>
        private void Project(long position)
        {
            var done = position - from;
            if (_projected || done < 1 << 20)
            {
                return;
            }

            _projected = true;
            var rest = (first ? length : to) - position;
            var count = History.Table.Count;
            History.Table.EnsureCapacity((int)Math.Min(count + (count * 1.0625 * rest / done) + 1024, 1 << 28));
        }

        /// <summary>The number of a line's first id (-1: not on the roster): a history usually lists one person's pairings one after another, so the same as the line before's without a search.</summary>
        private int First(ReadOnlySpan<byte> key)
        {
            if (key.Length > 16)
            {
                return known is null ? _ids.Number(key, History.Table) : _ids.Find(key);
            }

            var (w0, w1) = Utf8Ids.Words(key);
            if (_lastFirst.Length == key.Length && _lastFirst.W0 == w0 && _lastFirst.W1 == w1)
            {
                return _lastFirst.Number;
            }

            var number = known is null ? _ids.Number(key, History.Table) : _ids.Find(key);
            _lastFirst = (w0, w1, key.Length, number);
            return number;
        }
    }

    /// <summary>Where the comma ending a cell of printable ASCII (no space, no quote) starting at <paramref name="from"/> is; -1 if the cell is empty or holds anything else.</summary>
    private static int Cell(ReadOnlySpan<byte> text, int from)
    {
        for (var i = from; i < text.Length; i++)
        {
            var c = text[i];
            if (c == (byte)',')
            {
                return i > from ? i : -1;
            }

            if (c <= (byte)' ' || c == (byte)'"' || c > (byte)'~')
            {
                return -1;
            }
        }

        return -1;
    }

    /// <summary>Where the next line starts when a line's text ends at <paramref name="end"/> (the file's end, LF or CRLF); -1 if more text follows.</summary>
    private static int NextLine(ReadOnlySpan<byte> text, int end) => text[end..] switch
    {
        [] => end,
        [(byte)'\n', ..] => end + 1,
        [(byte)'\r'] => end + 1,
        [(byte)'\r', (byte)'\n', ..] => end + 2,
        _ => -1,
    };

    /// <summary>
    /// A file with no quote in it is read line by line, cells split at commas, each id made once however often it
    /// comes back (a district's history names the same people thousands of times). A quoted cell may hold commas and
    /// line breaks, so a file with a quote is read by the CSV reader, cell by cell; both read the same lines the same way.
    /// </summary>
    private static PairingHistory ReadText(string text, Known? known)
    {
        var history = new Builder(0, known: known);
        if (text.Contains('"', StringComparison.Ordinal))
        {
            foreach (var record in CsvReader.Read(new StringReader(text)))
            {
                history.Add(record.Line, [.. record.Cells.Select(c => c.Trim())], record.Error);
            }

            return history.Result();
        }

        var line = 0;
        for (var at = 0; at < text.Length;)
        {
            line++;
            var end = text.IndexOf('\n', at);
            end = end < 0 ? text.Length : end;
            ReadLine(history, line, text.AsSpan(at, end - at));
            at = end + 1;
        }

        return history.Result();
    }

    /// <summary>One line of a file without quotes: blank lines are skipped and carriage returns dropped, as the CSV reader does.</summary>
    private static void ReadLine(Builder history, int line, ReadOnlySpan<char> row)
    {
        if (row.Contains('\r'))
        {
            row = row.ToString().Replace("\r", "", StringComparison.Ordinal);
        }

        if (row.IsEmpty)
        {
            return;
        }

        // The usual line, "a,b,YYYY-MM-DD", takes no string for its date.
        if (row.Count(',') == 2 && row[(row.LastIndexOf(',') + 1)..].Trim() is var day && IsoDate(day) is { } date)
        {
            var comma = row.IndexOf(',');
            var rest = row[(comma + 1)..];
            history.Add(line, row[..comma].Trim(), rest[..rest.IndexOf(',')].Trim(), date);
            return;
        }

        var cells = new string[row.Count(',') + 1];
        for (var i = 0; i < cells.Length; i++)
        {
            var comma = row.IndexOf(',');
            cells[i] = (comma < 0 ? row : row[..comma]).Trim().ToString();
            row = comma < 0 ? [] : row[(comma + 1)..];
        }

        history.Add(line, cells, null);
    }

    /// <summary>YYYY-MM-DD in ASCII digits as a <see cref="DateOnly.DayNumber"/>, as <see cref="IsoDate"/> reads it; -1 for anything else.</summary>
    private static int IsoDay(ReadOnlySpan<byte> text)
    {
        if (text is not [_, _, _, _, (byte)'-', _, _, (byte)'-', _, _])
        {
            return -1;
        }

        static int Digits(ReadOnlySpan<byte> d)
        {
            var value = 0;
            foreach (var c in d)
            {
                if (!char.IsAsciiDigit((char)c))
                {
                    return -1;
                }

                value = value * 10 + (c - '0');
            }

            return value;
        }

        var (year, month, day) = (Digits(text[..4]), Digits(text[5..7]), Digits(text[8..]));
        return year >= 1 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month) ? new DateOnly(year, month, day).DayNumber : -1;
    }

    /// <summary>YYYY-MM-DD in ASCII digits, as <c>DateOnly.TryParseExact(…, "yyyy-MM-dd", …)</c> reads it; null for anything else.</summary>
    private static DateOnly? IsoDate(ReadOnlySpan<char> text)
    {
        if (text is not [_, _, _, _, '-', _, _, '-', _, _])
        {
            return null;
        }

        static int Digits(ReadOnlySpan<char> d)
        {
            var value = 0;
            foreach (var c in d)
            {
                if (!char.IsAsciiDigit(c))
                {
                    return -1;
                }

                value = value * 10 + (c - '0');
            }

            return value;
        }

        var (year, month, day) = (Digits(text[..4]), Digits(text[5..7]), Digits(text[8..]));
        return year >= 1 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month) ? new DateOnly(year, month, day) : null;
    }

    /// <summary>Takes the records one by one (cells trimmed): the header is skipped, every other line is a pairing or a rejection.</summary>
    private sealed class Builder(int capacity, bool first = true, Known? known = null)
    {
        private readonly List<RejectedLine> _rejected = [];
        private bool _first = first;

        /// <summary>True until a line has been read: the next line may still be the header.</summary>
        public bool First => _first;

        public PastPairingTable.Builder Table { get; } = known is null ? new(capacity) : new(known.Ids, capacity);

        /// <summary>A line read from its bytes as a pairing of two ids (numbered by <see cref="Table"/>, -1: left out) on a day.</summary>
        public void Add(int a, int b, int dayNumber)
        {
            _first = false;
            if ((a | b) >= 0)
            {
                Table.Add(a, b, dayNumber);
            }
        }

        /// <summary>A line already read as a pairing (two ids and a date); it may still be the header only if it is the first.</summary>
        public void Add(int line, ReadOnlySpan<char> a, ReadOnlySpan<char> b, DateOnly date)
        {
            _first = false;
            if (a.Length == 0 || b.Length == 0)
            {
                _rejected.Add(new RejectedLine(line, a.Length == 0 ? "a" : "b", "needs the id of a person"));
                return;
            }

            Keep(a, b, date.DayNumber);
        }

        public void Add(int line, string[] cells, string? error)
        {
            var isHeader = _first && cells is ["a", "b", "date"];
            _first = false;
            if (isHeader)
            {
                return;
            }

            if (error is not null)
            {
                _rejected.Add(new RejectedLine(line, null, error));
            }
            else if (cells.Length != 3)
            {
                _rejected.Add(new RejectedLine(line, null, $"has {cells.Length} cells: write a,b,date, e.g. U1,U2,2026-03-14"));
            }
            else if (cells[0].Length == 0 || cells[1].Length == 0)
            {
                _rejected.Add(new RejectedLine(line, cells[0].Length == 0 ? "a" : "b", "needs the id of a person"));
            }
            else if (!DateOnly.TryParseExact(cells[2], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                _rejected.Add(new RejectedLine(line, "date", $"\"{cells[2]}\" is not a date: write YYYY-MM-DD, e.g. 2026-03-14"));
            }
            else
            {
                Keep(cells[0], cells[1], date.DayNumber);
            }
        }

        /// <summary>A pairing read: kept (every one, or only those in scope).</summary>
        private void Keep(ReadOnlySpan<char> a, ReadOnlySpan<char> b, int dayNumber)
        {
            if (known is null)
            {
                Table.Add(Table.Id(a), Table.Id(b), dayNumber);
            }
            else if (dayNumber > known.CutOff && known.Find(a) is var i and >= 0 && known.Find(b) is var j and >= 0)
            {
                Table.Add(i, j, dayNumber);
            }
        }

        /// <summary>The lines of the next block of the file, which starts after <paramref name="linesBefore"/> lines.</summary>
        public void Add(Builder next, int linesBefore)
        {
            Table.Add(next.Table);
            _rejected.AddRange(next._rejected.Select(r => r with { Line = r.Line + linesBefore }));
        }

        public PairingHistory Result() => new(Table.Build(), _rejected);
    }

    /// <summary>
    /// A <see cref="HistoryScope"/> ready for reading: the roster's ids by their UTF-8 bytes, numbered by their place in the
    /// roster (an id that is not well-formed UTF-16 is compared as a string instead: no line read from UTF-8 can name
    /// it), and the last day left out as a day number (-1: none).
    /// </summary>
    private sealed class Known
    {
        private readonly Dictionary<string, int> _odd = new(StringComparer.Ordinal);

        public Known(HistoryScope scope)
        {
            ArgumentNullException.ThrowIfNull(scope);
            Ids = scope.People as string[] ?? [.. scope.People];
            CutOff = scope.After?.DayNumber ?? -1;
            Bytes = new Utf8Ids(Ids.Length);
            var buffer = new byte[256];
            for (var i = 0; i < Ids.Length; i++)
            {
                var id = Ids[i];
                if (Encoding.UTF8.GetMaxByteCount(id.Length) > buffer.Length)
                {
                    buffer = new byte[Encoding.UTF8.GetMaxByteCount(id.Length)];
                }

                if (Utf8.FromUtf16(id, buffer, out _, out var written, replaceInvalidSequences: false) == OperationStatus.Done)
                {
                    Bytes.TryAdd(buffer.AsSpan(0, written), i);
                }
                else
                {
                    _odd.TryAdd(id, i);
                }
            }
        }

        public string[] Ids { get; }

        /// <summary>Only pairings after this day (a <see cref="DateOnly.DayNumber"/>) are kept.</summary>
        public int CutOff { get; }

        /// <summary>The roster's well-formed ids by their UTF-8 bytes (only searched once made: shared by every block).</summary>
        public Utf8Ids Bytes { get; }

        /// <summary>The roster's number of the id <paramref name="text"/>, or -1.</summary>
        public int Find(ReadOnlySpan<char> text)
        {
            var buffer = text.Length <= 128 ? stackalloc byte[text.Length * 3] : new byte[Encoding.UTF8.GetMaxByteCount(text.Length)];
            return Utf8.FromUtf16(text, buffer, out _, out var written, replaceInvalidSequences: false) == OperationStatus.Done
                ? Bytes.Find(buffer[..written])
                : _odd.Count > 0 && _odd.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(text, out var odd) ? odd : -1;
        }
    }
}
