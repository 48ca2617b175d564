using System.Text;

namespace PeerBot.MatchTool;

/// <summary>
/// RFC 4180 CSV: comma-separated cells, a cell in double quotes may hold commas, line breaks and <c>""</c> for a
/// quote. Blank lines are skipped. Small on purpose: rosters and histories need nothing more.
/// </summary>
public static class CsvReader
{
    public static IEnumerable<CsvRecord> Read(TextReader text)
    {
        var line = 1;
        var cells = new List<string>();
        var cell = new StringBuilder();
        var start = 1;
        var quoted = false;
        var afterQuote = false;
        string? error = null;
        int c;
        while ((c = text.Read()) >= 0)
        {
            var ch = (char)c;
            if (quoted)
            {
                if (ch == '"')
                {
                    if (text.Peek() == '"')
                    {
                        cell.Append('"');
                        text.Read();
                    }
                    else
                    {
                        quoted = false;
                        afterQuote = true;
                    }
                }
                else
                {
                    line += ch == '\n' ? 1 : 0;
                    cell.Append(ch);
                }

                continue;
            }

            switch (ch)
            {
                case ',':
                    cells.Add(cell.ToString());
                    cell.Clear();
                    afterQuote = false;
                    break;
                case '\r':
                    break;
                case '\n':
                    if (cells.Count > 0 || cell.Length > 0 || afterQuote)
                    {
                        cells.Add(cell.ToString());
                        yield return new CsvRecord(start, cells, error);
                    }

                    (cells, error, afterQuote) = ([], null, false);
                    cell.Clear();
                    start = ++line;
                    break;
                case '"' when cell.Length == 0 && !afterQuote:
                    quoted = true;
                    break;
                default:
                    if (afterQuote || ch == '"')
                    {
                        error ??= "a quote inside a cell: put the whole cell in double quotes and double the quote, e.g. \"Lincoln \"\"North\"\" MS\"";
                    }

                    cell.Append(ch);
                    break;
            }
        }

        if (quoted)
        {
            error = "a quoted cell is never closed";
        }

        if (cells.Count > 0 || cell.Length > 0 || afterQuote || quoted)
        {
            cells.Add(cell.ToString());
            yield return new CsvRecord(start, cells, error);
        }
    }
}
