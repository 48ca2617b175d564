using PeerBot.Matching.Candidates;
using PeerBot.Matching.Pods;
using PeerBot.Matching.Rounds;
using PeerBot.Matching.Rules;
using PeerBot.Matching.Scoring;
using PeerBot.Matching.Tests.Support;

namespace PeerBot.Matching.Tests.Pods;

public sealed class PodImproverTests
{
    [Theory]
    [InlineData(1203, 4, 1, 0)]
    [InlineData(1001, 3, 2, 0)]
    [InlineData(902, 4, 3, 4)]
    public void PodImprover_MakesTheSameMovesAsLookingAtEveryoneAndEveryNeighbourInEveryPass(int people, int size, int seed, int pastPairings)
    {
        // The improver skips people and neighbours whose situation did not change, and swaps already weighed from the
        // other side; a plain version that weighs everything every pass must end with exactly the same pods.
        var profiles = Population.Peers(people, seed);
        var history = pastPairings == 0 ? [] : Population.History(profiles, pastPairings, Teachers.Today, seed);
        var options = new RoundOptions { Today = Teachers.Today, PodSize = size, Seed = seed, Rules = new PairingRules { History = history } };
        var pool = new RoundPool(profiles, options);
        var scorer = pool.Scorer(PairingKind.Peer);
        var graph = PeerCandidates.Build(pool, scorer);
        int minimum = PodSizing.Minimum(pool.Count, size), maximum = PodSizing.Maximum(size);
        var order = SeededHash.Permutation(pool.Count, seed);

        PodLayout Drafted()
        {
            var layout = new PodLayout(pool, scorer);
            PodComposer.Compose(layout, graph, pool.Count, size, seed, exactLimit: 300);
            new PodRepair(layout, graph, minimum, maximum, size, seed).Run();
            return layout;
        }

        var improved = Drafted();
        var moves = new PodImprover(improved, graph, minimum, maximum, size).Run(order);
        var plain = Drafted();
        var plainMoves = PlainImprove(plain, graph, minimum, maximum, size, order);

        Assert.True(moves > 20, $"{moves} moves");
        Assert.Equal(plainMoves, moves);
        Assert.Equal(plain.PodOf, improved.PodOf);
    }

    /// <summary>Every pass looks at everyone and every neighbour; the first paying move or swap is made.</summary>
    private static int PlainImprove(PodLayout layout, PeerGraph graph, int minimum, int maximum, int target, int[] order)
    {
        var moves = 0;
        for (var pass = 0; pass < PodImprover.MaxPasses; pass++)
        {
            var before = moves;
            foreach (var x in order)
            {
                var a = layout.PodOf[x];
                if (a < 0)
                {
                    continue;
                }

                for (var i = graph.Start[x]; i < graph.Start[x + 1]; i++)
                {
                    var y = graph.Neighbour[i];
                    var b = layout.PodOf[y];
                    if (b < 0 || b == a)
                    {
                        continue;
                    }

                    int sizeA = layout.Pods[a].Count, sizeB = layout.Pods[b].Count;
                    if (sizeA - 1 >= minimum && sizeB + 1 <= maximum
                        && Math.Abs(sizeA - 1 - target) + Math.Abs(sizeB + 1 - target) < Math.Abs(sizeA - target) + Math.Abs(sizeB - target)
                        && layout.Fits(x, b) && layout.PointsWith(x, b) > layout.PointsWith(x, a))
                    {
                        layout.Leave(x);
                        layout.Join(x, b);
                        moves++;
                        break;
                    }

                    if (layout.Fits(x, b, except: y) && layout.Fits(y, a, except: x)
                        && layout.PointsWith(x, b, except: y) + layout.PointsWith(y, a, except: x) > layout.PointsWith(x, a) + layout.PointsWith(y, b))
                    {
                        layout.Leave(x);
                        layout.Leave(y);
                        layout.Join(x, b);
                        layout.Join(y, a);
                        moves++;
                        break;
                    }
                }
            }

            if (moves == before)
            {
                break;
            }
        }

        return moves;
    }
}
