using System.Text;
using PeerBot.Bot.Cli;
using PeerBot.MatchTool;
using PeerBot.Matching.Rules;

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

    [Fact]
    public void AFileReadFromItsBytes_ReadsAsItsTextDoes_BadLinesWordedTheSame()
    {
        var careful = HistoryReader.Read(new StringReader(History));

        foreach (var bytes in new byte[][] { Encoding.UTF8.GetBytes(History), [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(History)], Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(History)).ToArray() })
        {
            var read = HistoryReader.Read(bytes);
            Assert.Equal(careful.Pairings, read.Pairings);
            Assert.Equal(careful.Rejected, read.Rejected);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void ALongHistoryOfMixedLines_ReadFromItsBytes_MatchesTheCarefulReading(int seed)
    {
        // Mostly usual lines among every kind of odd one: spaces, tabs, other scripts, carriage returns, blank lines,
        // missing ids, bad dates, too many cells, a header in the middle; ids coming back in both orders.
        var random = new Random(seed);
        string[] ids = [.. Enumerable.Range(0, 40).Select(i => $"U{i}"), "Zoë", "M\u00A0X", "T-1_a.b", "x",
            // Ids of every length, alike but for one byte, at the ends of 8 and 16 bytes (bytes are compared, not only hashed).
            "ab", "abc", "abd", "ABCDEFGH", "ABCDEFGH1", "ABCDEFGH2", "ABCDEFGHIJKLMNOP", "ABCDEFGHIJKLMNOQ", "ABCDEFGHIJKLMNOPQ",
            "ABCDEFGHIJKLMNOPR", "U01ABCDEF12", "LongIdentifier-0123456789-x", "LongIdentifier-0123456789-y"];
        string Id() => ids[random.Next(ids.Length)];
        string Date() => new DateOnly(2024, 1, 1).AddDays(random.Next(1000)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var lines = new List<string>();
        for (var i = 0; i < 3000; i++)
        {
            lines.Add(random.Next(20) switch
            {
                0 => "",
                1 => $" {Id()} ,{Id()}, {Date()} ",
                2 => $"{Id()}\t,{Id()},{Date()}",
                3 => $"{Id()},{Id()},{Date()}\r",
                4 => $"{Id()},\r{Id()},{Date()}",
                5 => $",{Id()},{Date()}",
                6 => $"{Id()},,{Date()}",
                7 => $"{Id()},{Id()},2025-02-{random.Next(27, 33)}",
                8 => $"{Id()},{Id()},{Date()},extra",
                9 => $"{Id()},{Id()}",
                10 => $"{Id()},{Id()},{Date()[..^1]}",
                11 => "a,b,date",
                12 => $"{Id()},{Id()},2025-{random.Next(0, 14):D2}-01",
                13 => $"{Id()},{Id()},{Date().Replace('-', '/')}",
                _ => $"{Id()},{Id()},{Date()}",
            });
        }

        var text = "a,b,date\r\n" + string.Join(random.Next(2) == 0 ? "\n" : "\r\n", lines);

        var careful = HistoryReader.Read(new StringReader(text));

        Assert.True(careful.Pairings.Count > 1500 && careful.Rejected.Count > 500);
        foreach (var (blocks, chunk) in new[] { (1, 1 << 20), (2, 1 << 20), (3, 100), (7, 16), (64, 37), (2, 1) })
        {
            // Read in blocks side by side, cut wherever the block sizes fall, a chunk at a time (lines cut by a chunk,
            // lines longer than a chunk): the same pairings, the same line numbers.
            var read = HistoryReader.Read(Encoding.UTF8.GetBytes(text), blocks, chunk);
            Assert.Equal(careful.Pairings, read.Pairings);
            Assert.Equal(careful.Rejected, read.Rejected);
        }

        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, text);
            var fromFile = HistoryReader.Read(path);
            Assert.Equal(careful.Pairings, fromFile.Pairings);
            Assert.Equal(careful.Rejected, fromFile.Rejected);

            // One quote anywhere, even in the last block: the whole file is read by the CSV reader.
            File.WriteAllText(path, text + "\n\"M1\",T1,2026-01-01\n");
            var quoted = HistoryReader.Read(path);
            Assert.Equal(HistoryReader.Read(new StringReader(text + "\nM1,T1,2026-01-01\n")).Pairings, quoted.Pairings);
            Assert.Equal(careful.Rejected, quoted.Rejected);
            Assert.Equal(quoted.Pairings, HistoryReader.Read(Encoding.UTF8.GetBytes(text + "\n\"M1\",T1,2026-01-01\n"), 3, 64).Pairings);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n")]
    [InlineData("\r\n\r\n\r\n\r\n\r\n\r\n\r\n\r\n\r\n\r\n")]
    [InlineData("")]
    public void TheHeader_IsSkippedOnlyAsTheFirstLine_HoweverTheFileIsCutIntoBlocks(string blankLinesFirst)
    {
        var text = blankLinesFirst + "a,b,date\n" + string.Join('\n', Enumerable.Range(0, 50).Select(i => $"M{i},T{i},2026-01-01")) + "\na,b,date\nM1,T1,2026-01-02\n";

        var careful = HistoryReader.Read(new StringReader(text));

        Assert.Equal(51, careful.Pairings.Count);
        Assert.Equal("date", Assert.Single(careful.Rejected).Field);
        foreach (var blocks in new[] { 1, 2, 4, 9, 30, 64, 200 })
        {
            var read = HistoryReader.Read(Encoding.UTF8.GetBytes(text), blocks, 8);
            Assert.Equal(careful.Pairings, read.Pairings);
            Assert.Equal(careful.Rejected, read.Rejected);
        }
    }

    [Fact]
    public void AnIdThatComesBack_IsOneString_WhenReadFromBytesToo_EvenWhenAnOddLineNamesItFirst()
    {
        var lines = " M1 , T0 , 2026-01-01 \n" + string.Join('\n', Enumerable.Range(0, 100).Select(i => $"M1,T{i % 7},2026-01-{1 + (i % 28):D2}"));

        var read = HistoryReader.Read(Encoding.UTF8.GetBytes(lines));

        Assert.Equal(101, read.Pairings.Count);
        Assert.Single(read.Pairings.Select(p => p.A).Distinct(ReferenceEqualityComparer.Instance));
        Assert.Equal(7, read.Pairings.Select(p => p.B).Distinct(ReferenceEqualityComparer.Instance).Count());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void AHistoryReadForARound_KeepsOnlyItsPeoplesPairingsWithinTheWindow_AndStillNamesEveryBadLine(int seed)
    {
        // The roster holds some of the ids (odd ones too: other scripts, NBSP, a lone surrogate no UTF-8 line can name);
        // the history names them, others, and every kind of odd line, dated on both sides of the window's edge.
        var random = new Random(seed);
        string[] roster = [.. Enumerable.Range(0, 30).Select(i => $"U{i}"), "Zoë", "M\u00A0X", "LongIdentifier-0123456789-x", "ABCDEFGHIJKLMNOP", "a\uD800b", "\uFFFD"];
        string[] others = ["U30", "U31", "zoë", "LongIdentifier-0123456789-y", "ABCDEFGHIJKLMNOQ", "a\uFFFDb", "ab", "U1 "];
        string[] named = [.. roster.Where(id => id != "a\uD800b")];
        string Id() => random.Next(4) == 0 ? others[random.Next(others.Length)] : named[random.Next(named.Length)];
        var after = new DateOnly(2026, 3, 1);
        string Date() => after.AddDays(random.Next(-4, 4)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var lines = new List<string>();
        for (var i = 0; i < 4000; i++)
        {
            lines.Add(random.Next(12) switch
            {
                0 => "",
                1 => $" {Id()} , {Id()} , {Date()} ",
                2 => $"{Id()},{Id()},{Date()}\r",
                3 => $",{Id()},{Date()}",
                4 => $"{Id()},{Id()},2026-02-30",
                5 => $"{Id()},{Id()},{Date()},extra",
                6 => "a,b,date",
                _ => $"{Id()},{Id()},{Date()}",
            });
        }

        var text = "a,b,date\n" + string.Join(random.Next(2) == 0 ? "\n" : "\r\n", lines);
        var scope = new HistoryScope(roster, after);

        var careful = HistoryReader.Read(new StringReader(text));
        PastPairing[] expected = [.. careful.Pairings.Where(p => p.Date > after && roster.Contains(p.A) && roster.Contains(p.B))];

        Assert.InRange(expected.Length, 500, careful.Pairings.Count - 500);
        Assert.Equal(expected, HistoryReader.Read(new StringReader(text), scope).Pairings);
        Assert.Equal(careful.Rejected, HistoryReader.Read(new StringReader(text), scope).Rejected);
        foreach (var (blocks, chunk) in new[] { (1, 1 << 20), (2, 1 << 20), (3, 100), (7, 16), (64, 37), (2, 1) })
        {
            var read = HistoryReader.Read(Encoding.UTF8.GetBytes(text), blocks, chunk, scope);
            Assert.Equal(expected, read.Pairings);
            Assert.Equal(careful.Rejected, read.Rejected);

            // The roster's own strings: no id made again.
            Assert.All(read.Pairings, p => Assert.Same(roster.First(id => id == p.A), p.A));
        }

        // Whenever: every pairing of the roster's people. No one: nothing kept, every bad line still named.
        Assert.Equal(careful.Pairings.Where(p => roster.Contains(p.A) && roster.Contains(p.B)), HistoryReader.Read(Encoding.UTF8.GetBytes(text), 2, 64, scope with { After = null }).Pairings);
        var nobody = HistoryReader.Read(Encoding.UTF8.GetBytes(text), 2, 64, new HistoryScope([], null));
        Assert.Empty(nobody.Pairings);
        Assert.Equal(careful.Rejected, nobody.Rejected);
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public void ALineCutAtAnyByte_ByTheChunkOrTheBlockEnd_IsReadWhole_AndABadLineLaterKeepsItsNumber(string lineBreak)
    {
        // 400 usual lines and one bad one far into the file: wherever the chunks and blocks cut the lines (every offset
        // within a line, for chunks of 9 to 40 bytes), the same pairings, and the bad line named by its own number.
        var lines = Enumerable.Range(0, 400).Select(i => $"M{i:D5},T{(i * 7) % 400:D5},2026-0{1 + (i % 9)}-1{i % 10}").ToList();
        lines[331] = "M00331,T00017,2026-13-01";
        var text = "a,b,date" + lineBreak + string.Join(lineBreak, lines) + lineBreak;
        var scope = new HistoryScope([.. Enumerable.Range(0, 400).SelectMany(i => new[] { $"M{i:D5}", $"T{i:D5}" })], new DateOnly(2026, 4, 30));

        var careful = HistoryReader.Read(new StringReader(text));

        Assert.Equal(399, careful.Pairings.Count);
        Assert.Equal("333 date", $"{Assert.Single(careful.Rejected).Line} {Assert.Single(careful.Rejected).Field}");
        var inScope = careful.Pairings.Where(p => p.Date > new DateOnly(2026, 4, 30)).ToArray();
        for (var chunk = 9; chunk <= 40; chunk++)
        {
            foreach (var blocks in new[] { 1, 2, 3 })
            {
                var read = HistoryReader.Read(Encoding.UTF8.GetBytes(text), blocks, chunk);
                Assert.Equal(careful.Pairings, read.Pairings);
                Assert.Equal(careful.Rejected, read.Rejected);

                var kept = HistoryReader.Read(Encoding.UTF8.GetBytes(text), blocks, chunk, scope);
                Assert.Equal(inScope, kept.Pairings);
                Assert.Equal(careful.Rejected, kept.Rejected);
            }
        }
    }
}
