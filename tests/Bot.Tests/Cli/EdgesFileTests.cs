using System.Globalization;
using System.Text;
using PeerBot.Matching.Rounds;
using PeerBot.MatchTool;

namespace PeerBot.Bot.Tests.Cli;

public sealed class EdgesFileTests
{
    [Fact]
    public void Scores_AreWrittenAsTheirTextIs_WholePointsOrNot()
    {
        var scores = new List<double>();
        for (var points = -30_000; points <= 30_000; points++)
        {
            scores.Add(points / 100.0);
        }

        var random = new Random(14);
        for (var i = 0; i < 20_000; i++)
        {
            scores.Add(random.Next(int.MinValue, int.MaxValue) / 100.0);
            scores.Add(random.NextDouble() * 200 - 100);
        }

        // Not a whole number of points: rounded halves, tiny and huge values, minus zero, no number at all.
        scores.AddRange([0.125, 0.375, 2.675, 1.005, -0.125, 1e-7, -1e-7, 123456789012.345, 1e20, -0.0, 0.0, double.NaN,
            double.PositiveInfinity, double.MaxValue, double.Epsilon]);

        Span<byte> bytes = stackalloc byte[EdgesFile.LongestScore];
        foreach (var score in scores)
        {
            var written = EdgesFile.Score(score, bytes);
            Assert.Equal(score.ToString("0.##", CultureInfo.InvariantCulture), Encoding.UTF8.GetString(bytes[..written]));
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    public void ManyRows_WrittenOnSeveralCores_AreTheFileATextWriterWrites_RowForRowInOrder(int workers)
    {
        // Ids as a district might spell them, odd ones included: commas, quotes and line breaks are quoted.
        string[] ids = ["M1", "T1", "Zoë", "Lincoln, MS", "the \"new\" one", "two\nlines", "cr\rid", "漢字", "emoji 🙂", "lone \uD800 half", "a", ""];
        var random = new Random(workers);
        var edges = Enumerable.Range(0, EdgesFile.RowsPerBlock * 4 + 123)
            .Select(i => new ScoredEdge(
                i % 97 == 0 ? ids[random.Next(ids.Length)] : $"M{i}",
                i % 89 == 0 ? ids[random.Next(ids.Length)] : $"T{random.Next(30_000)}",
                i % 1000 == 0 ? random.NextDouble() * 100 : random.Next(-500, 10_001) / 100.0))
            .ToList();

        using var file = new MemoryStream();
        EdgesFile.Write(file, "mentee,mentor,score", edges, workers);

        Assert.Equal(AsText("mentee,mentor,score", edges), file.ToArray());
    }

    [Fact]
    public void NoRows_WritesTheHeaderAlone()
    {
        using var file = new MemoryStream();
        EdgesFile.Write(file, "a,b,score", [], workers: 2);

        Assert.Equal(AsText("a,b,score", []), file.ToArray());
    }

    [Fact]
    public void AFileThatCannotBeWritten_FailsWithItsOwnError_NotAGroupOfThem()
    {
        var edges = Enumerable.Range(0, EdgesFile.RowsPerBlock * 6).Select(i => new ScoredEdge($"M{i}", "T1", 1)).ToList();

        var error = Assert.Throws<IOException>(() => EdgesFile.Write(new FullDisk(), "mentee,mentor,score", edges, workers: 3));
        Assert.Equal("No space left on device", error.Message);
    }

    /// <summary>The file as a text writer writes it, cell by cell: the rules the fast path must keep.</summary>
    private static byte[] AsText(string header, IReadOnlyList<ScoredEdge> edges)
    {
        using var bytes = new MemoryStream();
        using (var writer = new StreamWriter(bytes, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16, leaveOpen: true))
        {
            writer.WriteLine(header);
            foreach (var edge in edges)
            {
                writer.WriteLine($"{Cell(edge.A)},{Cell(edge.B)},{edge.Score.ToString("0.##", CultureInfo.InvariantCulture)}");
            }
        }

        return bytes.ToArray();

        static string Cell(string value) =>
            value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
    }

    /// <summary>A file on a full disk: the header goes in, the first block of rows does not.</summary>
    private sealed class FullDisk : MemoryStream
    {
        public override void Write(ReadOnlySpan<byte> buffer)
        {
            if (Length > 100)
            {
                throw new IOException("No space left on device");
            }

            base.Write(buffer);
        }
    }
}
