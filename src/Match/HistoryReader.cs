using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using PeerBot.Matching.Rules;

namespace PeerBot.MatchTool;

/// <summary>Reads <c>history.csv</c>: <c>a,b,date</c> a line (past pairings, dates YYYY-MM-DD), with an optional header.</summary>
public static class HistoryReader
{
    public static PairingHistory Read(string path) => Read(File.ReadAllBytes(path));

    public static PairingHistory Read(TextReader text) => ReadText(text.ReadToEnd());

    /// <summary>
    /// A file's bytes as <see cref="Read(string)"/> reads them: UTF-8 (a byte order mark skipped). A file with no quote in
    /// it is read line by line from its bytes; a file with a quote, or written in UTF-16 or UTF-32 (by its byte order
    /// mark), is decoded as <see cref="File.ReadAllText(string)"/> would and read by <see cref="Read(TextReader)"/>.
    /// </summary>
    public static PairingHistory Read(byte[] file) => Read(file, file?.Length >= 1 << 22 ? Math.Clamp(Environment.ProcessorCount, 1, 16) : 1);

    /// <summary>As <see cref="Read(byte[])"/>, a file without quotes read in <paramref name="blocks"/> blocks side by side.</summary>
    internal static PairingHistory Read(byte[] file, int blocks)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (file is [0xFE, 0xFF, ..] or [0xFF, 0xFE, ..] or [0, 0, 0xFE, 0xFF, ..] || file.AsSpan().Contains((byte)'"'))
        {
            using var text = new StreamReader(new MemoryStream(file), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            return ReadText(text.ReadToEnd());
        }

        return ReadUtf8(file, file is [0xEF, 0xBB, 0xBF, ..] ? 3 : 0, Math.Max(blocks, 1));
    }

    /// <summary>
    /// A long file is read in blocks (as many as there are cores), each cut just after a line break and read on its own
    /// (its own ids, its lines counted from its start), then joined in order: the same pairings in the same order, and
    /// the same rejections with the same line numbers, as reading it in one go. Only the first line of the file can be
    /// the header; if the first block holds no line at all, the file is read in one go.
    /// </summary>
    private static PairingHistory ReadUtf8(byte[] file, int start, int blocks)
    {
        var length = file.Length - start;
        var bounds = new int[blocks + 1];
        (bounds[0], bounds[blocks]) = (start, file.Length);
        for (var k = 1; k < blocks; k++)
        {
            var from = Math.Max(bounds[k - 1], start + (int)((long)length * k / blocks));
            var lineBreak = file.AsSpan(from).IndexOf((byte)'\n');
            bounds[k] = lineBreak < 0 ? file.Length : from + lineBreak + 1;
        }

        var read = new (Builder History, int Lines)[blocks];
        var others = new Task[blocks - 1];
        for (var k = 1; k < blocks; k++)
        {
            var block = k;
            others[k - 1] = Task.Run(() => read[block] = ReadBlock(file.AsSpan(bounds[block]..bounds[block + 1]), first: false));
        }

        read[0] = ReadBlock(file.AsSpan(bounds[0]..bounds[1]), first: true);
        Task.WaitAll(others);
        var (history, lines) = read[0];
        if (blocks > 1 && history.First)
        {
            return ReadBlock(file.AsSpan(start), first: true).History.Result();
        }

        for (var k = 1; k < blocks; k++)
        {
            history.Add(read[k].History, lines);
            lines += read[k].Lines;
        }

        return history.Result();
    }

    /// <summary>
    /// The usual line, <c>a,b,YYYY-MM-DD</c> in printable ASCII with no space, is read from its bytes in one pass: each
    /// distinct id is found by its bytes (one string made the first time), the date without a string. Any other line
    /// (spaces, other scripts, a carriage return inside, too few or many cells, an empty id, a bad date, the header) is
    /// decoded and read as <see cref="Read(TextReader)"/> reads it, so it is accepted or rejected with the same words.
    /// </summary>
    private static (Builder History, int Lines) ReadBlock(ReadOnlySpan<byte> text, bool first)
    {
        var history = new Builder(text.Length / 24, first);
        var ids = new Utf8Ids(history.Table);
        var line = 0;
        for (var at = 0; at < text.Length;)
        {
            line++;
            var a = Cell(text, at);
            var b = a < 0 ? -1 : Cell(text, a + 1);
            if (b >= 0 && b + 11 <= text.Length && IsoDay(text.Slice(b + 1, 10)) is var day and >= 0 && NextLine(text, b + 11) is var next and >= 0)
            {
                history.Add(ids.Number(text[at..a]), ids.Number(text[(a + 1)..b]), day);
                at = next;
                continue;
            }

            var end = text[at..].IndexOf((byte)'\n');
            var row = end < 0 ? text[at..] : text.Slice(at, end);
            at = end < 0 ? text.Length : at + end + 1;
            if (!row.IsEmpty)
            {
                ReadLine(history, line, Encoding.UTF8.GetString(row));
            }
        }

        return (history, line);
    }

    /// <summary>Where the comma ending a cell of printable ASCII (no space) starting at <paramref name="from"/> is; -1 if the cell is empty or holds anything else.</summary>
    private static int Cell(ReadOnlySpan<byte> text, int from)
    {
        for (var i = from; i < text.Length; i++)
        {
            var c = text[i];
            if (c == (byte)',')
            {
                return i > from ? i : -1;
            }

            if ((uint)(c - '!') > '~' - '!')
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
    private static PairingHistory ReadText(string text)
    {
        var history = new Builder(0);
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
    private sealed class Builder(int capacity, bool first = true)
    {
        private readonly List<RejectedLine> _rejected = [];
        private bool _first = first;

        /// <summary>True until a line has been read: the next line may still be the header.</summary>
        public bool First => _first;

        public PastPairingTable.Builder Table { get; } = new(capacity);

        /// <summary>A line read from its bytes as a pairing of two ids (numbered by <see cref="Table"/>) on a day.</summary>
        public void Add(int a, int b, int dayNumber)
        {
            _first = false;
            Table.Add(a, b, dayNumber);
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

            Table.Add(Table.Id(a), Table.Id(b), date.DayNumber);
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
                Table.Add(Table.Id(cells[0]), Table.Id(cells[1]), date.DayNumber);
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
    /// Ids by their UTF-8 bytes: an open-addressing table whose entries keep a copy of each id's bytes and its number in
    /// the pairing table, so a line's id is found without making a string (the string is made once, the first time).
    /// </summary>
    private sealed class Utf8Ids(PastPairingTable.Builder table)
    {
        private int[] _slots = new int[1 << 12];
        private Entry[] _entries = new Entry[1 << 11];
        private byte[] _bytes = new byte[1 << 14];
        private int _count;
        private int _used;

        /// <summary>The number in the pairing table of the printable-ASCII id <paramref name="key"/>.</summary>
        public int Number(ReadOnlySpan<byte> key)
        {
            var hash = Hash(key);
            var mask = _slots.Length - 1;
            for (var slot = (int)hash & mask; ; slot = (slot + 1) & mask)
            {
                var taken = _slots[slot];
                if (taken == 0)
                {
                    return Add(slot, key, hash);
                }

                ref readonly var entry = ref _entries[taken - 1];
                if (entry.Hash == hash && _bytes.AsSpan(entry.Start, entry.Length).SequenceEqual(key))
                {
                    return entry.Number;
                }
            }
        }

        private int Add(int slot, ReadOnlySpan<byte> key, uint hash)
        {
            var number = table.Id(Encoding.ASCII.GetString(key));
            if (_used + key.Length > _bytes.Length)
            {
                Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, _used + key.Length));
            }

            if (_count == _entries.Length)
            {
                Array.Resize(ref _entries, _count * 2);
            }

            key.CopyTo(_bytes.AsSpan(_used));
            _entries[_count] = new Entry(hash, _used, key.Length, number);
            _used += key.Length;
            _slots[slot] = ++_count;
            if (_count * 2 > _slots.Length)
            {
                // Keep the table at most half full: rehash every entry into twice as many slots.
                _slots = new int[_slots.Length * 2];
                var mask = _slots.Length - 1;
                for (var e = 0; e < _count; e++)
                {
                    var s = (int)_entries[e].Hash & mask;
                    while (_slots[s] != 0)
                    {
                        s = (s + 1) & mask;
                    }

                    _slots[s] = e + 1;
                }
            }

            return number;
        }

        private static uint Hash(ReadOnlySpan<byte> key)
        {
            var hash = 0x9E3779B97F4A7C15UL ^ (ulong)key.Length;
            for (; key.Length > 8; key = key[8..])
            {
                hash = (hash ^ BinaryPrimitives.ReadUInt64LittleEndian(key)) * 0xFF51AFD7ED558CCDUL;
                hash ^= hash >> 32;
            }

            // The last 1–8 bytes in one word: two overlapping 4-byte reads, or the first, middle and last byte.
            var tail = key.Length switch
            {
                >= 4 => BinaryPrimitives.ReadUInt32LittleEndian(key) | ((ulong)BinaryPrimitives.ReadUInt32LittleEndian(key[^4..]) << 32),
                > 0 => key[0] | ((ulong)key[key.Length / 2] << 8) | ((ulong)key[^1] << 16),
                _ => 0UL,
            };
            hash = (hash ^ tail) * 0xC4CEB9FE1A85EC53UL;
            return (uint)(hash >> 32) ^ (uint)hash;
        }

        private readonly record struct Entry(uint Hash, int Start, int Length, int Number);
    }
}
