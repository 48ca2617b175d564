using PeerBot.Matching.Rounds;
using PeerBot.Matching.Scoring;

namespace PeerBot.Matching.Candidates;

/// <summary>
/// Builds the peer candidate graph for pods: every allowed pair in <see cref="CandidateMode.All"/>; otherwise each
/// person's best <see cref="CandidateLimits.PeerTopK"/> peers, and a pair is a candidate when either side picked it.
/// </summary>
internal static class PeerCandidates
{
    public static PeerGraph Build(RoundPool pool, CompatibilityScorer scorer)
    {
        var everyone = Enumerable.Range(0, pool.Count).ToArray();
        var pairs = new List<(int A, int B, int Points)>();
        if (pool.Options.Candidates == CandidateMode.All)
        {
            for (var a = 0; a < pool.Count; a++)
            {
                for (var b = a + 1; b < pool.Count; b++)
                {
                    if (pool.Forbidden.Allows(a, b))
                    {
                        pairs.Add((a, b, scorer.Points(a, b)));
                    }
                }
            }
        }
        else
        {
            var index = new CandidateIndex(pool.Features, everyone);
            var k = pool.Options.Limits.PeerTopK;
            var found = CandidateSearch.Run(pool, scorer, everyone, index, _ => k, queryIsFirst: true, pool.Options.Seed);

            return FromPicks(pool.Count, found);
        }

        return new PeerGraph(pool.Count, [.. pairs.Select(p => p.A)], [.. pairs.Select(p => p.B)], [.. pairs.Select(p => p.Points)]);
    }

    /// <summary>
    /// The graph of every pair someone picked, each once. Each person's neighbours are gathered (their own picks and
    /// whoever picked them), then sorted and deduplicated person by person, in parallel: a person's sorted list is
    /// their row of the graph (lower neighbours first, as a sort of all pairs gives), and their higher neighbours are
    /// their edges, so the edges come out in (lower, higher) order. Peer points are symmetric, so either side's do.
    /// </summary>
    internal static PeerGraph FromPicks(int people, NeighbourLists found)
    {
        var start = new int[people + 1];
        for (var q = 0; q < people; q++)
        {
            start[q + 1] += found.Count[q];
            for (var x = 0; x < found.Count[q]; x++)
            {
                start[found.Item[(q * found.Stride) + x] + 1]++;
            }
        }

        for (var q = 0; q < people; q++)
        {
            start[q + 1] += start[q];
        }

        // Neighbour in the high half, points in the low half: sorting the keys sorts by neighbour.
        var listed = new long[start[people]];
        var fill = (int[])start.Clone();
        for (var q = 0; q < people; q++)
        {
            for (var x = 0; x < found.Count[q]; x++)
            {
                var other = found.Item[(q * found.Stride) + x];
                var points = (uint)found.Points[(q * found.Stride) + x];
                listed[fill[q]++] = ((long)other << 32) | points;
                listed[fill[other]++] = ((long)q << 32) | points;
            }
        }

        var unique = new int[people];
        Parallel.For(0, (people + 1023) / 1024, chunk =>
        {
            for (var q = chunk * 1024; q < Math.Min(people, (chunk + 1) * 1024); q++)
            {
                Array.Sort(listed, start[q], start[q + 1] - start[q]);
                var kept = 0;
                for (var i = start[q]; i < start[q + 1]; i++)
                {
                    if (kept == 0 || listed[i] >> 32 != listed[start[q] + kept - 1] >> 32)
                    {
                        listed[start[q] + kept++] = listed[i];
                    }
                }

                unique[q] = kept;
            }
        });

        var rowStart = new int[people + 1];
        var edges = 0;
        for (var q = 0; q < people; q++)
        {
            rowStart[q + 1] = rowStart[q] + unique[q];
            for (var i = start[q]; i < start[q] + unique[q]; i++)
            {
                if ((int)(listed[i] >> 32) > q)
                {
                    edges++;
                }
            }
        }

        var neighbour = new int[rowStart[people]];
        var neighbourPoints = new int[rowStart[people]];
        var a = new int[edges];
        var b = new int[edges];
        var edgePoints = new int[edges];
        var e = 0;
        for (var q = 0; q < people; q++)
        {
            for (var i = 0; i < unique[q]; i++)
            {
                var key = listed[start[q] + i];
                int other = (int)(key >> 32), points = (int)(uint)key;
                neighbour[rowStart[q] + i] = other;
                neighbourPoints[rowStart[q] + i] = points;
                if (other > q)
                {
                    (a[e], b[e], edgePoints[e]) = (q, other, points);
                    e++;
                }
            }
        }

        return new PeerGraph(a, b, edgePoints, rowStart, neighbour, neighbourPoints);
    }
}
