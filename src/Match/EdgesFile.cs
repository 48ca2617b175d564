using System.Buffers;
using System.Globalization;
using System.Runtime.ExceptionServices;
using System.Text;
using PeerBot.Matching.Rounds;

namespace PeerBot.MatchTool;

/// <summary>Writes <c>--edges</c>: every candidate pair the engine considered, one CSV row each, with a header.</summary>
public static class EdgesFile
{
    /// <summary>The longest score text: <c>double.MaxValue</c> as <c>0.##</c> has 309 digits.</summary>
    internal const int LongestScore = 400;

    /// <summary>Rows rendered together: a state round's million rows make about seventy such blocks.</summary>
    internal const int RowsPerBlock = 16_384;

    private static readonly SearchValues<char> NeedsQuotes = SearchValues.Create(",\"\r\n");

    private static readonly byte[] NewLine = Encoding.UTF8.GetBytes(Environment.NewLine);

    public static Task WriteAsync(string path, string header, ScoredEdgeList edges)
    {
        OutputFile.Replace(path, stream => Write(stream, header, edges));
        return Task.CompletedTask;
    }

    /// <summary>
    /// The rows as UTF-8, rendered block by block on every core and written in order (a state round's file is tens of
    /// megabytes: through a text writer, formatting each score as text, it took longer than the whole result.json).
    /// Each worker renders the next block into its own buffer, then waits for the blocks before it to be written.
    /// </summary>
    internal static void Write(Stream stream, string header, IReadOnlyList<ScoredEdge> edges, int workers = 0)
    {
        stream.Write(Encoding.UTF8.GetBytes(header));
        stream.Write(NewLine);
        var blocks = (edges.Count + RowsPerBlock - 1) / RowsPerBlock;
        workers = Math.Min(workers > 0 ? workers : Environment.ProcessorCount, blocks);
        if (workers <= 1)
        {
            var buffer = new ArrayBufferWriter<byte>(1 << 20);
            for (var block = 0; block < blocks; block++)
            {
                buffer.ResetWrittenCount();
                Render(edges, block, buffer);
                stream.Write(buffer.WrittenSpan);
            }

            return;
        }

        var turn = new Turns();
        try
        {
            Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, _ => WriteBlocks(stream, edges, blocks, turn));
        }
        catch (AggregateException e)
        {
            // The first real failure (a full disk, say) as the caller would see it written on one thread.
            var first = e.Flatten().InnerExceptions.FirstOrDefault(inner => inner is not OperationCanceledException) ?? e.InnerExceptions[0];
            ExceptionDispatchInfo.Capture(first).Throw();
        }
    }

    private static void WriteBlocks(Stream stream, IReadOnlyList<ScoredEdge> edges, int blocks, Turns turn)
    {
        var buffer = new ArrayBufferWriter<byte>(1 << 20);
        try
        {
            for (var block = turn.Take(); block < blocks; block = turn.Take())
            {
                buffer.ResetWrittenCount();
                Render(edges, block, buffer);
                turn.WaitFor(block);
                stream.Write(buffer.WrittenSpan);
                turn.Done(block);
            }
        }
        catch
        {
            turn.Fail();
            throw;
        }
    }

    private static void Render(IReadOnlyList<ScoredEdge> edges, int block, ArrayBufferWriter<byte> into)
    {
        var end = Math.Min(edges.Count, (block + 1) * RowsPerBlock);
        for (var i = block * RowsPerBlock; i < end; i++)
        {
            var edge = edges[i];
            var row = into.GetSpan(Encoding.UTF8.GetMaxByteCount(edge.A.Length + edge.B.Length + 8) + LongestScore);
            var at = Cell(edge.A, row);
            row[at++] = (byte)',';
            at += Cell(edge.B, row[at..]);
            row[at++] = (byte)',';
            at += Score(edge.Score, row[at..]);
            NewLine.CopyTo(row[at..]);
            into.Advance(at + NewLine.Length);
        }
    }

    /// <summary>An id as its CSV cell: quoted (quotes doubled) when it holds a comma, a quote or a line break.</summary>
    private static int Cell(string value, Span<byte> into) =>
        value.AsSpan().ContainsAny(NeedsQuotes)
            ? Encoding.UTF8.GetBytes($"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", into)
            : Encoding.UTF8.GetBytes(value, into);

    /// <summary>
    /// A score as <c>score.ToString("0.##")</c> writes it. Scores are whole points over 100: written from the points'
    /// digits when the score is exactly such a quotient (a double then prints as the points' decimal, at most 15 digits);
    /// any other double is formatted by the runtime.
    /// </summary>
    internal static int Score(double score, Span<byte> into)
    {
        var hundredths = Math.Round(score * 100);
        if (Math.Abs(hundredths) < 1e9 && hundredths / 100.0 == score && !(hundredths == 0 && double.IsNegative(score)))
        {
            return Points((long)hundredths, into);
        }

        return Encoding.UTF8.GetBytes(score.ToString("0.##", CultureInfo.InvariantCulture), into);
    }

    private static int Points(long points, Span<byte> into)
    {
        var at = 0;
        if (points < 0)
        {
            into[at++] = (byte)'-';
            points = -points;
        }

        var whole = points / 100;
        var cents = (int)(points % 100);
        whole.TryFormat(into[at..], out var digits, default, CultureInfo.InvariantCulture);
        at += digits;
        if (cents != 0)
        {
            into[at++] = (byte)'.';
            into[at++] = (byte)('0' + cents / 10);
            if (cents % 10 != 0)
            {
                into[at++] = (byte)('0' + cents % 10);
            }
        }

        return at;
    }

    /// <summary>Hands out blocks in order and lets each be written only after the one before it.</summary>
    private sealed class Turns
    {
        private readonly object _gate = new();
        private int _taken = -1;
        private int _written;
        private bool _failed;

        public int Take() => Interlocked.Increment(ref _taken);

        public void WaitFor(int block)
        {
            lock (_gate)
            {
                while (_written != block && !_failed)
                {
                    Monitor.Wait(_gate);
                }

                if (_failed)
                {
                    throw new OperationCanceledException("Another block of the file could not be written.");
                }
            }
        }

        public void Done(int block)
        {
            lock (_gate)
            {
                _written = block + 1;
                Monitor.PulseAll(_gate);
            }
        }

        public void Fail()
        {
            lock (_gate)
            {
                _failed = true;
                Monitor.PulseAll(_gate);
            }
        }
    }
}
