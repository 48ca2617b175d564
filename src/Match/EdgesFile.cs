using System.Globalization;
using PeerBot.Matching.Rounds;

namespace PeerBot.MatchTool;

/// <summary>Writes <c>--edges</c>: every candidate pair the engine considered, one CSV row each, with a header.</summary>
public static class EdgesFile
{
    public static async Task WriteAsync(string path, string header, ScoredEdgeList edges)
    {
        await OutputFile.ReplaceAsync(path, writer =>
        {
            // A state round has a million rows: written synchronously into the writer's buffer, the score formatted in place.
            Span<char> score = stackalloc char[32];
            writer.WriteLine(header);
            foreach (var edge in edges)
            {
                writer.Write(Cell(edge.A));
                writer.Write(',');
                writer.Write(Cell(edge.B));
                writer.Write(',');
                edge.Score.TryFormat(score, out var written, "0.##", CultureInfo.InvariantCulture);
                writer.Write(score[..written]);
                writer.WriteLine();
            }

            return Task.CompletedTask;
        });
    }

    private static string Cell(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
