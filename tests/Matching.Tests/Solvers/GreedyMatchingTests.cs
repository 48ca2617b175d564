using PeerBot.Matching.Solvers;

namespace PeerBot.Matching.Tests.Solvers;

public sealed class GreedyMatchingTests
{
    [Fact]
    public void GreedyMatching_TakesTheHeaviestPairFirst_ThenReroutesAroundIt_SoNobodyWithAPartnerIsLeftOut()
    {
        // u – a = b – v: the heaviest edge a–b alone would leave u and v without anyone.
        WeightedEdge[] edges = [new(0, 1, 10), new(1, 2, 50), new(2, 3, 10)];
        var mates = GreedyMatching.Solve(4, edges);
        Assert.Equal([1, 0, 3, 2], mates);
    }

    [Fact]
    public void GreedyMatching_SwapsTwoPairs_AcrossAFourCycle_WhenThatIsHeavier()
    {
        // Greedy takes 0–1 (9) and then 2–3 (1); 0–2 + 1–3 (8 + 8) is heavier and matches as many.
        WeightedEdge[] edges = [new(0, 1, 9), new(2, 3, 1), new(0, 2, 8), new(1, 3, 8)];
        var mates = GreedyMatching.Solve(4, edges);
        Assert.Equal([2, 3, 0, 1], mates);
    }

    [Fact]
    public void GreedyMatching_LeavesIsolatedVertices_Unmatched_AndRejectsLoops()
    {
        Assert.Equal([-1, 2, 1, -1], GreedyMatching.Solve(4, [new(1, 2, 0)]));
        Assert.Equal([], GreedyMatching.Solve(0, []));
        Assert.Throws<ArgumentException>(() => GreedyMatching.Solve(3, [new(1, 1, 5)]));
        Assert.Throws<ArgumentException>(() => GreedyMatching.Solve(3, [new(1, 3, 5)]));
    }

    [Fact]
    public void GreedyMatching_OnRandomSparseGraphs_IsAValidMatching_CloseToTheExactOptimum()
    {
        var random = new Random(11);
        for (var trial = 0; trial < 40; trial++)
        {
            var n = random.Next(200, 600);
            var edges = new List<WeightedEdge>();
            for (var u = 0; u < n; u++)
            {
                for (var d = 0; d < 6; d++)
                {
                    var v = random.Next(n);
                    if (v != u)
                    {
                        edges.Add(new(u, v, random.Next(trial % 2 == 0 ? 5 : 10_000)));
                    }
                }
            }

            var mates = GreedyMatching.Solve(n, edges);
            var (count, weight) = WeightedMatchingTests.Measure(n, edges, mates);
            var (bestCount, bestWeight) = WeightedMatchingTests.Measure(n, edges, WeightedMatching.Solve(n, edges));
            Assert.True(count >= bestCount * 0.98, $"trial {trial}: {count} pairs vs {bestCount}");
            Assert.True(weight >= bestWeight * 0.9, $"trial {trial}: weight {weight} vs {bestWeight}");
            Assert.Equal(mates, GreedyMatching.Solve(n, edges));
        }
    }

    [Fact]
    public void GreedyMatching_OrdersEdgesByPackedKeys_ExactlyAsByComparingWeightThenPair_WithTiesAndParallelEdges()
    {
        var random = new Random(5);
        for (var trial = 0; trial < 30; trial++)
        {
            var n = random.Next(2, 400);
            var edges = new List<WeightedEdge>();
            for (var e = 0; e < n * 4; e++)
            {
                int u = random.Next(n), v = random.Next(n);
                if (u != v)
                {
                    // Few distinct weights (many ties), some negative; a repeated pair is a parallel edge.
                    edges.Add(new(u, v, random.Next(-3, 4) * (trial % 3 == 0 ? 1_000_000_007L : 1)));
                }
            }

            Assert.Equal(GreedyMatching.Solve(n, edges, packedKeys: false), GreedyMatching.Solve(n, edges));
        }
    }

    [Fact]
    public void GreedyMatching_WithWeightsSpanningTheWholeRange_StillTakesTheHeaviestFirst()
    {
        // The spread does not fit beside the vertex numbers in one key: the comparison sort orders these.
        WeightedEdge[] edges = [new(0, 1, long.MinValue + 1), new(1, 2, long.MaxValue - 1), new(2, 3, 0), new(3, 0, long.MinValue + 1)];
        // 1–2 first (the heaviest), then 3–0 (0–1 and 2–3 touch a matched vertex); no swap pays.
        Assert.Equal([3, 2, 1, 0], GreedyMatching.Solve(4, edges));
    }
}

