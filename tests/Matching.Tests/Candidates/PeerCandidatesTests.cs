using PeerBot.Matching.Candidates;
using PeerBot.Matching.Rounds;
using PeerBot.Matching.Scoring;
using PeerBot.Matching.Tests.Support;

namespace PeerBot.Matching.Tests.Candidates;

public sealed class PeerCandidatesTests
{
    [Theory]
    [InlineData(600, 1, 20)]
    [InlineData(1500, 4, 7)]
    public void PeerGraph_HoldsEveryPickedPairOnce_WithItsPoints_AndRowsEqualToBuildingItFromTheSortedPairs(int count, int seed, int topK)
    {
        var options = new RoundOptions { Today = Teachers.Today, Seed = seed, Limits = new CandidateLimits { PeerTopK = topK, ScanBudget = 300 } };
        var pool = new RoundPool(Population.Peers(count, seed), options);
        var scorer = pool.Scorer(PairingKind.Peer);
        var everyone = Enumerable.Range(0, pool.Count).ToArray();
        var found = CandidateSearch.Run(pool, scorer, everyone, new CandidateIndex(pool.Features, everyone), _ => topK, queryIsFirst: true, seed);

        // Reference: every pick as a (lower, higher) pair, each once, sorted; the graph's rows built from those pairs.
        var picked = new SortedSet<(int A, int B)>();
        for (var q = 0; q < pool.Count; q++)
        {
            for (var x = 0; x < found.Count[q]; x++)
            {
                var other = found.Item[(q * found.Stride) + x];
                picked.Add((Math.Min(q, other), Math.Max(q, other)));
            }
        }

        var reference = new PeerGraph(pool.Count, [.. picked.Select(p => p.A)], [.. picked.Select(p => p.B)], [.. picked.Select(p => scorer.Points(p.A, p.B))]);
        var graph = PeerCandidates.Build(pool, scorer);

        Assert.True(picked.Count > pool.Count * topK / 2, $"{picked.Count} pairs");
        Assert.Equal(reference.A, graph.A);
        Assert.Equal(reference.B, graph.B);
        Assert.Equal(reference.Points, graph.Points);
        Assert.Equal(reference.Start, graph.Start);
        Assert.Equal(reference.Neighbour, graph.Neighbour);
        Assert.Equal(reference.NeighbourPoints, graph.NeighbourPoints);
    }
}
