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
            for (var q = 0; q < everyone.Length; q++)
            {
                for (var x = 0; x < found.Count[q]; x++)
                {
                    var other = found.Item[(q * found.Stride) + x];
                    pairs.Add((Math.Min(q, other), Math.Max(q, other), found.Points[(q * found.Stride) + x]));
                }
            }

            pairs.Sort((x, y) => x.A != y.A ? x.A.CompareTo(y.A) : x.B.CompareTo(y.B));
            var unique = 0;
            for (var i = 0; i < pairs.Count; i++)
            {
                if (i == 0 || pairs[i].A != pairs[i - 1].A || pairs[i].B != pairs[i - 1].B)
                {
                    pairs[unique++] = pairs[i];
                }
            }

            pairs.RemoveRange(unique, pairs.Count - unique);
        }

        return new PeerGraph(pool.Count, [.. pairs.Select(p => p.A)], [.. pairs.Select(p => p.B)], [.. pairs.Select(p => p.Points)]);
    }
}
