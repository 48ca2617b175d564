using System.Globalization;
using PeerBot.Matching.Rules;

namespace PeerBot.MatchTool;

/// <summary>Reads <c>history.csv</c>: <c>a,b,date</c> a line (past pairings, dates YYYY-MM-DD), with an optional header.</summary>
public static class HistoryReader
{
    public static PairingHistory Read(string path) => ReadText(File.ReadAllText(path));

    public static PairingHistory Read(TextReader text) => ReadText(text.ReadToEnd());

    /// <summary>
    /// A file with no quote in it is read line by line, cells split at commas, each id made once however often it
    /// comes back (a district's history names the same people thousands of times). A quoted cell may hold commas and
    /// line breaks, so a file with a quote is read by the CSV reader, cell by cell; both read the same lines the same way.
    /// </summary>
    private static PairingHistory ReadText(string text)
    {
        var history = new Builder();
        if (text.Contains('"', StringComparison.Ordinal))
        {
            foreach (var record in CsvReader.Read(new StringReader(text)))
            {
                history.Add(record.Line, [.. record.Cells.Select(c => c.Trim())], record.Error);
            }

            return history.Result();
        }

        // Blank lines are skipped and carriage returns dropped, as the CSV reader does.
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        var line = 0;
        for (var at = 0; at < text.Length;)
        {
            line++;
            var end = text.IndexOf('\n', at);
            end = end < 0 ? text.Length : end;
            var row = text.AsSpan(at, end - at);
            at = end + 1;
            if (row.Contains('\r'))
            {
                row = row.ToString().Replace("\r", "", StringComparison.Ordinal);
            }

            if (row.IsEmpty)
            {
                continue;
            }

            // The usual line, "a,b,YYYY-MM-DD", takes no string for its date.
            if (row.Count(',') == 2 && row[(row.LastIndexOf(',') + 1)..].Trim() is var day && IsoDate(day) is { } date)
            {
                var comma = row.IndexOf(',');
                var rest = row[(comma + 1)..];
                history.Add(line, Shared(ids, row[..comma].Trim()), Shared(ids, rest[..rest.IndexOf(',')].Trim()), date);
                continue;
            }

            var cells = new string[row.Count(',') + 1];
            for (var i = 0; i < cells.Length; i++)
            {
                var comma = row.IndexOf(',');
                cells[i] = Shared(ids, (comma < 0 ? row : row[..comma]).Trim());
                row = comma < 0 ? [] : row[(comma + 1)..];
            }

            history.Add(line, cells, null);
        }

        return history.Result();
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

    /// <summary>A cell's text, the same string each time the same text comes back (bounded, so a file of unique texts stays cheap).</summary>
    private static string Shared(Dictionary<string, string> ids, ReadOnlySpan<char> cell)
    {
        var lookup = ids.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(cell, out var known))
        {
            return known;
        }

        var text = cell.ToString();
        if (ids.Count < 1_000_000)
        {
            ids[text] = text;
        }

        return text;
    }

    /// <summary>Takes the records one by one (cells trimmed): the header is skipped, every other line is a pairing or a rejection.</summary>
    private sealed class Builder
    {
        private readonly List<PastPairing> _pairings = [];
        private readonly List<RejectedLine> _rejected = [];
        private bool _first = true;

        /// <summary>A line already read as a pairing (two ids and a date); it may still be the header only if it is the first.</summary>
        public void Add(int line, string a, string b, DateOnly date)
        {
            _first = false;
            if (a.Length == 0 || b.Length == 0)
            {
                _rejected.Add(new RejectedLine(line, a.Length == 0 ? "a" : "b", "needs the id of a person"));
                return;
            }

            _pairings.Add(new PastPairing(a, b, date));
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
                _pairings.Add(new PastPairing(cells[0], cells[1], date));
            }
        }

        public PairingHistory Result() => new(_pairings, _rejected);
    }
}
