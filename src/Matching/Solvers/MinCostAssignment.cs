using System.Runtime.CompilerServices;
using PeerBot.Matching.Candidates;

namespace PeerBot.Matching.Solvers;

/// <summary>
/// Exact capacitated assignment on a bipartite candidate graph: as many left nodes matched as possible, and among
/// those the highest total points. Costs are the shortfall from the best score, so with the number of pairs fixed,
/// least cost is most points. The scarcer side hands out its units (see <see cref="Transportation"/>): when seats
/// are fewer than mentees the mentors do, so every search starts among mostly free mentees and stays small.
/// </summary>
internal static class MinCostAssignment
{
    /// <param name="graph">Candidate edges, grouped by left node.</param>
    /// <param name="capacity">How many left nodes each right node takes.</param>
    /// <param name="seed">The seed's say in ties between equal optima: the order the units are handed out.</param>
    /// <param name="crowdedSearch">See <see cref="Transportation.Solve"/>; tests vary it to try both ways of placing units.</param>
    /// <param name="window">See <see cref="Transportation.Solve"/>; tests make it small so that small graphs try every batch size.</param>
    /// <returns>For each left node, the index of its chosen edge, or -1.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int[] Solve(BipartiteGraph graph, int[] capacity, int seed, int crowdedSearch = Transportation.CrowdedSearch, int window = Transportation.Window)
    {
        var left = graph.Left;
        var chosen = new int[left];
        Array.Fill(chosen, -1);
        if (graph.EdgeCount == 0)
        {
            return chosen;
        }

        var maxPoints = graph.Points.Max();
        var seats = capacity.Sum();
        if (seats >= left)
        {
            var cost = graph.Points.Select(p => (long)(maxPoints - p)).ToArray();
            var used = new Transportation(graph.Start, graph.Right, cost, capacity)
                .Solve([.. Enumerable.Repeat(1, left)], SeededHash.Permutation(left, seed), crowdedSearch, window);
            for (var i = 0; i < left; i++)
            {
                for (var e = graph.Start[i]; e < graph.Start[i + 1]; e++)
                {
                    if (used[e])
                    {
                        chosen[i] = e;
                    }
                }
            }

            return chosen;
        }

        // Mentors hand out their seats: the same edges grouped by mentor.
        var right = capacity.Length;
        var start = new int[right + 1];
        foreach (var r in graph.Right)
        {
            start[r + 1]++;
        }

        for (var r = 0; r < right; r++)
        {
            start[r + 1] += start[r];
        }

        var fill = (int[])start.Clone();
        var menteeOf = new int[graph.EdgeCount];
        var edgeOf = new int[graph.EdgeCount];
        var costs = new long[graph.EdgeCount];
        for (var i = 0; i < left; i++)
        {
            for (var e = graph.Start[i]; e < graph.Start[i + 1]; e++)
            {
                var at = fill[graph.Right[e]]++;
                menteeOf[at] = i;
                edgeOf[at] = e;
                costs[at] = maxPoints - graph.Points[e];
            }
        }

        var usedByMentor = new Transportation(start, menteeOf, costs, [.. Enumerable.Repeat(1, left)])
            .Solve(capacity, SeededHash.Permutation(right, seed), crowdedSearch, window);
        for (var at = 0; at < usedByMentor.Length; at++)
        {
            if (usedByMentor[at])
            {
                chosen[menteeOf[at]] = edgeOf[at];
            }
        }

        return chosen;
    }
}
