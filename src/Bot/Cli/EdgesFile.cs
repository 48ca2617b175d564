using System.Globalization;
using PeerBot.Matching.Rounds;

namespace PeerBot.Bot.Cli;

/// <summary>Writes <c>--edges</c>: every candidate pair the engine considered, one CSV row each, with a header.</summary>
public static class EdgesFile
{
    public static async Task WriteAsync(string path, string header, ScoredEdgeList edges)
    {
        await OutputFile.ReplaceAsync(path, async writer =>
        {
            await writer.WriteLineAsync(header);
            foreach (var edge in edges)
            {
                await writer.WriteLineAsync($"{Cell(edge.A)},{Cell(edge.B)},{edge.Score.ToString("0.##", CultureInfo.InvariantCulture)}");
            }
        });
    }

    private static string Cell(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
