using PeerBot.Matching.Candidates;
using PeerBot.Matching.Rounds;
using PeerBot.Matching.Scoring;

namespace PeerBot.Matching.Benchmarks;

/// <summary>What bots without an optimiser do: take the best pair first (greedy), or pair at random (Icebreaker-style).</summary>
internal static class Baselines
{
    /// <summary>Greedy mentor assignment: best-scoring edges first while both sides have room. Returns (pairs, points).</summary>
    public static (int Pairs, long Points) GreedyMentoring(BipartiteGraph graph, int[] capacity)
    {
        var order = Enumerable.Range(0, graph.EdgeCount).OrderByDescending(e => graph.Points[e]).ThenBy(e => e).ToArray();
        var leftOf = new int[graph.EdgeCount];
        for (var i = 0; i < graph.Left; i++)
        {
            for (var e = graph.Start[i]; e < graph.Start[i + 1]; e++)
            {
                leftOf[e] = i;
            }
        }

        var taken = new bool[graph.Left];
        var room = (int[])capacity.Clone();
        var (pairs, points) = (0, 0L);
        foreach (var e in order)
        {
            if (!taken[leftOf[e]] && room[graph.Right[e]] > 0)
            {
                taken[leftOf[e]] = true;
                room[graph.Right[e]]--;
                pairs++;
                points += graph.Points[e];
            }
        }

        return (pairs, points);
    }

    /// <summary>Random mentor assignment: each mentee in random order gets a random allowed mentor with a free seat.</summary>
    public static (int Pairs, long Points) RandomMentoring(RoundPool pool, CompatibilityScorer scorer, int[] mentees, int[] mentors, int seed)
    {
        var random = new Random(seed);
        var room = mentors.Select(m => pool.People[m].Capacity).ToArray();
        var open = Enumerable.Range(0, mentors.Length).Where(r => room[r] > 0).ToList();
        var (pairs, points) = (0, 0L);
        foreach (var mentee in mentees.OrderBy(_ => random.Next()))
        {
            for (var attempt = 0; attempt < 20 && open.Count > 0; attempt++)
            {
                var at = random.Next(open.Count);
                var r = open[at];
                if (!pool.Forbidden.Allows(mentee, mentors[r]))
                {
                    continue;
                }

                pairs++;
                points += scorer.Points(mentee, mentors[r]);
                if (--room[r] == 0)
                {
                    open[at] = open[^1];
                    open.RemoveAt(open.Count - 1);
                }

                break;
            }
        }

        return (pairs, points);
    }

    /// <summary>Greedy pairs on the peer candidate graph. Returns (people paired, points).</summary>
    public static (int Paired, long Points) GreedyPairs(PeerGraph graph, int people)
    {
        var taken = new bool[people];
        var (paired, points) = (0, 0L);
        foreach (var e in Enumerable.Range(0, graph.EdgeCount).OrderByDescending(e => graph.Points[e]).ThenBy(e => e))
        {
            if (!taken[graph.A[e]] && !taken[graph.B[e]])
            {
                taken[graph.A[e]] = taken[graph.B[e]] = true;
                paired += 2;
                points += graph.Points[e];
            }
        }

        return (paired, points);
    }

    /// <summary>Random groups of <paramref name="size"/>: mean pairwise points over all in-group pairs.</summary>
    public static double RandomGroups(CompatibilityScorer scorer, int people, int size, int seed)
    {
        var random = new Random(seed);
        var order = Enumerable.Range(0, people).OrderBy(_ => random.Next()).ToArray();
        var (sum, pairs) = (0L, 0L);
        for (var start = 0; start + size <= people; start += size)
        {
            for (var i = start; i < start + size; i++)
            {
                for (var j = i + 1; j < start + size; j++)
                {
                    sum += scorer.Points(order[i], order[j]);
                    pairs++;
                }
            }
        }

        return sum / 100.0 / pairs;
    }
}
