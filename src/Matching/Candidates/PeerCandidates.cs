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

            // Each pair once, lower index first: sorted as one 64-bit key (peer points are symmetric, so either side's do).
            var total = 0;
            for (var q = 0; q < everyone.Length; q++)
            {
                total += found.Count[q];
            }

            var keys = new long[total];
            var points = new int[total];
            var at = 0;
            for (var q = 0; q < everyone.Length; q++)
            {
                for (var x = 0; x < found.Count[q]; x++)
                {
                    var other = found.Item[(q * found.Stride) + x];
                    keys[at] = ((long)Math.Min(q, other) << 32) | (uint)Math.Max(q, other);
                    points[at++] = found.Points[(q * found.Stride) + x];
                }
            }

            Array.Sort(keys, points);
            var unique = 0;
            for (var i = 0; i < total; i++)
            {
                if (i == 0 || keys[i] != keys[i - 1])
                {
                    keys[unique] = keys[i];
                    points[unique++] = points[i];
                }
            }

            var a = new int[unique];
            var b = new int[unique];
            for (var i = 0; i < unique; i++)
            {
                a[i] = (int)(keys[i] >> 32);
                b[i] = (int)keys[i];
            }

            return new PeerGraph(pool.Count, a, b, points[..unique]);
        }

        return new PeerGraph(pool.Count, [.. pairs.Select(p => p.A)], [.. pairs.Select(p => p.B)], [.. pairs.Select(p => p.Points)]);
    }
}
