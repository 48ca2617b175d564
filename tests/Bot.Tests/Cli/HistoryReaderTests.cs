using PeerBot.Bot.Cli;
using PeerBot.MatchTool;

namespace PeerBot.Bot.Tests.Cli;

/// <summary>history.csv as districts write it: CRLF or LF, blank lines, spaces around cells, quoted cells; every bad line named.</summary>
public sealed class HistoryReaderTests
{
    private const string History =
        "a,b,date\r\n" +
        "M1,T1,2026-09-23\r\n" +
        "\r\n" +
        " M2 , T2 ,2026-01-05\n" +
        "M3,T3,last spring\n" +
        ",T4,2026-02-01\n" +
        "M5,T5,2026-02-01,extra\n" +
        "M1,T2,2025-12-31\n" +
        "M6,T6,2026-02-30\n" +
        "M7,T7,２０２６-01-01\n";

    [Fact]
    public void AHistory_IsReadLineByLine_WithEveryBadLineNamedByItsNumber()
    {
        var read = HistoryReader.Read(new StringReader(History));

        Assert.Equal(["M1 T1 2026-09-23", "M2 T2 2026-01-05", "M1 T2 2025-12-31"], read.Pairings.Select(p => $"{p.A} {p.B} {p.Date:yyyy-MM-dd}"));
        Assert.Equal(
            ["5 date \"last spring\" is not a date: write YYYY-MM-DD, e.g. 2026-03-14", "6 a needs the id of a person", "7  has 4 cells: write a,b,date, e.g. U1,U2,2026-03-14",
             "9 date \"2026-02-30\" is not a date: write YYYY-MM-DD, e.g. 2026-03-14", "10 date \"２０２６-01-01\" is not a date: write YYYY-MM-DD, e.g. 2026-03-14"],
            read.Rejected.Select(r => $"{r.Line} {r.Field} {r.Reason}"));
    }

    [Fact]
    public void AHistoryWithQuotedCells_ReadsTheSameAsWithout()
    {
        var plain = HistoryReader.Read(new StringReader(History));
        var quoted = HistoryReader.Read(new StringReader(History.Replace("M1,T1", "\"M1\",\"T1\"", StringComparison.Ordinal)));

        Assert.Equal(plain.Pairings, quoted.Pairings);
        Assert.Equal(plain.Rejected, quoted.Rejected);
    }

    [Fact]
    public void AnIdThatComesBack_IsOneString_HoweverManyLinesNameIt()
    {
        var lines = string.Join('\n', Enumerable.Range(0, 100).Select(i => $"M1,T{i % 7},2026-01-{1 + (i % 28):D2}"));

        var read = HistoryReader.Read(new StringReader(lines));

        Assert.Equal(100, read.Pairings.Count);
        Assert.Single(read.Pairings.Select(p => p.A).Distinct(ReferenceEqualityComparer.Instance));
        Assert.Equal(7, read.Pairings.Select(p => p.B).Distinct(ReferenceEqualityComparer.Instance).Count());
    }
}
