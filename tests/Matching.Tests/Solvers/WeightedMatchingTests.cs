using PeerBot.Matching.Solvers;
using PeerBot.Matching.Tests.Support;

namespace PeerBot.Matching.Tests.Solvers;

public sealed class WeightedMatchingTests
{
    [Fact]
    public void WeightedMatching_EqualsBruteForceOptimum_OnRandomSmallGraphs()
    {
        var random = new Random(7);
        for (var trial = 0; trial < 4000; trial++)
        {
            var n = random.Next(1, 11);
            var density = random.NextDouble();
            var maxWeight = trial % 3 == 0 ? 3 : trial % 3 == 1 ? 20 : 10000;
            var edges = new List<WeightedEdge>();
            for (var u = 0; u < n; u++)
            {
                for (var v = u + 1; v < n; v++)
                {
                    if (random.NextDouble() < density)
                    {
                        edges.Add(random.Next(2) == 0 ? new(u, v, random.Next(maxWeight + 1)) : new(v, u, random.Next(maxWeight + 1)));
                    }
                }
            }

            var solver = WeightedMatching.Run(n, edges);
            var mates = solver.Mates();
            var (count, weight) = Measure(n, edges, mates);
            var expected = BruteForce.GeneralMatching(n, edges);
            Assert.True(expected == (count, weight), $"trial {trial}: expected {expected}, got {(count, weight)}");
            Assert.Null(solver.VerifyOptimum());
        }
    }

    [Fact]
    public void WeightedMatching_PrefersMoreCouplesOverHeavierOnes()
    {
        // Path a-b-c-d: the heavy middle edge alone loses to the two light outer edges.
        var mates = WeightedMatching.Solve(4, [new(0, 1, 1), new(1, 2, 100), new(2, 3, 1)]);
        Assert.Equal([1, 0, 3, 2], mates);
    }

    [Fact]
    public void WeightedMatching_AugmentsThroughNestedBlossoms()
    {
        // Two triangles sharing a path to a pendant vertex force a blossom to form, nest and expand.
        var edges = new List<WeightedEdge>
        {
            new(0, 1, 8), new(1, 2, 9), new(0, 2, 10), new(2, 3, 7), new(3, 4, 9), new(4, 5, 8),
            new(3, 5, 10), new(5, 6, 6), new(1, 7, 5), new(6, 8, 4),
        };
        var solver = WeightedMatching.Run(9, edges);
        var (count, weight) = Measure(9, edges, solver.Mates());
        Assert.Equal(BruteForce.GeneralMatching(9, edges), (count, weight));
        Assert.Null(solver.VerifyOptimum());
    }

    [Fact]
    public void WeightedMatching_CertificateHolds_OnLargeSparseGraphs()
    {
        var random = new Random(11);
        foreach (var n in new[] { 300, 2000 })
        {
            var edges = new List<WeightedEdge>();
            for (var u = 0; u < n; u++)
            {
                for (var d = 0; d < 6; d++)
                {
                    var v = random.Next(n);
                    if (v != u)
                    {
                        edges.Add(new(u, v, random.Next(50)));
                    }
                }
            }

            var solver = WeightedMatching.Run(n, edges);
            Assert.Null(solver.VerifyOptimum());
            var mates = solver.Mates();
            for (var v = 0; v < n; v++)
            {
                Assert.True(mates[v] == -1 || mates[mates[v]] == v);
            }
        }
    }

    internal static (int Count, long Weight) Measure(int n, IReadOnlyList<WeightedEdge> edges, int[] mates)
    {
        var best = new Dictionary<(int, int), long>();
        foreach (var (u, v, w) in edges)
        {
            var key = (Math.Min(u, v), Math.Max(u, v));
            best[key] = Math.Max(best.GetValueOrDefault(key, long.MinValue), w);
        }

        var count = 0;
        long weight = 0;
        for (var v = 0; v < n; v++)
        {
            var u = mates[v];
            if (u > v)
            {
                Assert.Equal(v, mates[u]);
                count++;
                weight += best[(v, u)];
            }
        }

        return (count, weight);
    }
}
