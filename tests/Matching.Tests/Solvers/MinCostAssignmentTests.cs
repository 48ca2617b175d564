using PeerBot.Matching.Candidates;
using PeerBot.Matching.Solvers;

namespace PeerBot.Matching.Tests.Solvers;

public sealed class MinCostAssignmentTests
{
    [Theory]
    [InlineData(120, 40, 0, Transportation.CrowdedSearch)]
    [InlineData(60, 50, 0, Transportation.CrowdedSearch)]
    [InlineData(150, 30, 3, Transportation.CrowdedSearch)]
    [InlineData(80, 70, 2, Transportation.CrowdedSearch)]
    [InlineData(300, 50, 40, Transportation.CrowdedSearch)]
    [InlineData(120, 40, 0, 0)]
    [InlineData(60, 50, 0, 0)]
    [InlineData(150, 30, 3, 0)]
    [InlineData(80, 70, 2, 0)]
    [InlineData(300, 50, 40, 0)]
    [InlineData(300, 50, 40, int.MaxValue)]
    [InlineData(80, 70, 2, int.MaxValue)]
    [InlineData(300, 50, 40, 20)]
    [InlineData(300, 50, 40, int.MaxValue, 1)]
    [InlineData(120, 40, 0, int.MaxValue, 1)]
    [InlineData(150, 30, 3, Transportation.CrowdedSearch, 2)]
    [InlineData(80, 70, 2, int.MaxValue, 3)]
    public void MinCostAssignment_AgreesWithTheBlossomMatching_OnSeatExpandedGraphs(int left, int right, int levels, int crowdedSearch, int window = Transportation.Window)
    {
        // window 1–3: the solve looks at its cost every few rows and tries batches of 2, 4, 8, … rows in shared phases.
        // crowdedSearch 0: every unit after the first is placed in shared phases; int.MaxValue: all one by one.
        // Two independent exact methods: shortest augmenting paths on capacities, and general matching with one vertex per seat.
        // Few score levels make many equal-cost alternatives, where the solver places many units per phase.
        var random = new Random(left + right + levels);
        for (var trial = 0; trial < 10; trial++)
        {
            var capacity = Enumerable.Range(0, right).Select(_ => random.Next(1, 5)).ToArray();
            var rows = new List<(int Right, int Points)>[left];
            for (var i = 0; i < left; i++)
            {
                rows[i] = [.. Enumerable.Range(0, right).Where(_ => random.Next(6) == 0).Select(r => (r, levels == 0 ? random.Next(5000, 10001) : 10_000 - (100 * random.Next(levels))))];
            }

            var start = new int[left + 1];
            for (var i = 0; i < left; i++)
            {
                start[i + 1] = start[i] + rows[i].Count;
            }

            var graph = new BipartiteGraph(start, [.. rows.SelectMany(r => r.Select(e => e.Right))], [.. rows.SelectMany(r => r.Select(e => e.Points))]);
            var chosen = MinCostAssignment.Solve(graph, capacity, seed: trial, crowdedSearch, window);
            Assert.All(chosen.Where(e => e >= 0).GroupBy(e => graph.Right[e]), g => Assert.True(g.Count() <= capacity[g.Key]));

            Assert.Equal(BlossomOptimum(graph, capacity), (chosen.Count(e => e >= 0), chosen.Where(e => e >= 0).Sum(e => (long)graph.Points[e])));
        }
    }

    /// <summary>The optimum by general matching with one vertex per seat: (pairs, points), most pairs first.</summary>
    internal static (int Count, long Weight) BlossomOptimum(BipartiteGraph graph, int[] capacity)
    {
        int left = graph.Left, right = capacity.Length;
        var seatStart = new int[right + 1];
        for (var r = 0; r < right; r++)
        {
            seatStart[r + 1] = seatStart[r] + capacity[r];
        }

        var edges = new List<WeightedEdge>();
        for (var i = 0; i < left; i++)
        {
            for (var e = graph.Start[i]; e < graph.Start[i + 1]; e++)
            {
                for (var s = seatStart[graph.Right[e]]; s < seatStart[graph.Right[e] + 1]; s++)
                {
                    edges.Add(new(i, left + s, graph.Points[e]));
                }
            }
        }

        var mates = WeightedMatching.Solve(left + seatStart[^1], edges);
        return WeightedMatchingTests.Measure(left + seatStart[^1], edges, mates);
    }
}
