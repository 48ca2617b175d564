using System.Globalization;
using PeerBot.Matching.Rules;

namespace PeerBot.Bot.Cli;

/// <summary>Reads <c>history.csv</c>: <c>a,b,date</c> a line (past pairings, dates YYYY-MM-DD), with an optional header.</summary>
public static class HistoryReader
{
    public static PairingHistory Read(string path)
    {
        using var text = File.OpenText(path);
        return Read(text);
    }

    public static PairingHistory Read(TextReader text)
    {
        var pairings = new List<PastPairing>();
        var rejected = new List<RejectedLine>();
        var first = true;
        foreach (var record in CsvReader.Read(text))
        {
            var cells = record.Cells.Select(c => c.Trim()).ToArray();
            var isHeader = first && cells is ["a", "b", "date"];
            first = false;
            if (isHeader)
            {
                continue;
            }

            if (record.Error is { } error)
            {
                rejected.Add(new RejectedLine(record.Line, null, error));
            }
            else if (cells.Length != 3)
            {
                rejected.Add(new RejectedLine(record.Line, null, $"has {cells.Length} cells: write a,b,date, e.g. U1,U2,2026-03-14"));
            }
            else if (cells[0].Length == 0 || cells[1].Length == 0)
            {
                rejected.Add(new RejectedLine(record.Line, cells[0].Length == 0 ? "a" : "b", "needs the id of a person"));
            }
            else if (!DateOnly.TryParseExact(cells[2], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                rejected.Add(new RejectedLine(record.Line, "date", $"\"{cells[2]}\" is not a date: write YYYY-MM-DD, e.g. 2026-03-14"));
            }
            else
            {
                pairings.Add(new PastPairing(cells[0], cells[1], date));
            }
        }

        return new PairingHistory(pairings, rejected);
    }
}
