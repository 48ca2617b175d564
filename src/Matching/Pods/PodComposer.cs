using PeerBot.Matching.Candidates;
using PeerBot.Matching.Solvers;

namespace PeerBot.Matching.Pods;

/// <summary>
/// First draft of the pods, pair-then-merge: an exact maximum-cardinality, maximum-weight matching makes pairs;
/// for pods of three the best pairs become cores and the others are matched onto them one each; for pods of four
/// pairs are matched with pairs (again exactly, on the graph of pairs). Leftovers stay as small pods for repair.
/// A matching over more than <see cref="ExactLimit"/> vertices (a state-sized pool) is made greedily with short
/// augmenting paths and swaps instead (<see cref="GreedyMatching"/>): the exact blossom algorithm needs minutes and
/// gigabytes there, and pods larger than two are improved locally afterwards anyway.
/// </summary>
internal static class PodComposer
{
    /// <summary>Most vertices of a matching solved exactly (the blossom algorithm takes about a second at this size).</summary>
    public const int ExactLimit = 12_000;

    /// <summary>Most edges of a leftovers-to-open-pods round that may use every allowed pair.</summary>
    private const long CompleteRoundLimit = 2_000_000;

    public static void Compose(PodLayout layout, PeerGraph graph, int people, int target, int seed, int exactLimit = ExactLimit)
    {
        var edges = new List<(int A, int B, long Weight)>(graph.EdgeCount);
        for (var e = 0; e < graph.EdgeCount; e++)
        {
            edges.Add((graph.A[e], graph.B[e], graph.Points[e]));
        }

        var mates = SeededMatching(people, edges, seed, exactLimit);
        var pairs = new List<(int A, int B)>();
        var singles = new List<int>();
        for (var v = 0; v < people; v++)
        {
            if (mates[v] > v)
            {
                pairs.Add((v, mates[v]));
            }
            else if (mates[v] < 0)
            {
                singles.Add(v);
            }
        }

        switch (target)
        {
            case 2:
                pairs.ForEach(p => layout.Add([p.A, p.B]));
                break;
            case 3:
                Triples(layout, graph, pairs, singles, PodSizing.PodCount(people, 3), seed, exactLimit);
                break;
            default:
                Quads(layout, graph, pairs, seed, exactLimit);
                break;
        }

        singles.ForEach(s => layout.Add([s]));
    }

    private static void Triples(PodLayout layout, PeerGraph graph, List<(int A, int B)> pairs, List<int> singles, int pods, int seed, int exactLimit)
    {
        // The strongest pairs become the cores; the rest are split up and matched onto the cores.
        var ranked = pairs
            .OrderByDescending(p => layout.Points(p.A, p.B))
            .ThenBy(p => SeededHash.Of(seed, p.A, p.B))
            .ToList();
        var cores = ranked.Take(pods).Select(p => layout.Add([p.A, p.B])).ToList();
        foreach (var (a, b) in ranked.Skip(pods))
        {
            singles.Add(a);
            singles.Add(b);
        }

        singles.Sort();
        var coreOf = layout.PodOf;
        var edges = new List<(int A, int B, long Weight)>();
        var firstCore = singles.Count;
        var vertexOfCore = new Dictionary<int, int>();
        for (var c = 0; c < cores.Count; c++)
        {
            vertexOfCore[cores[c]] = firstCore + c;
        }

        var seen = new int[layout.Pods.Count];
        for (var s = 0; s < singles.Count; s++)
        {
            var person = singles[s];
            for (var i = graph.Start[person]; i < graph.Start[person + 1]; i++)
            {
                var pod = coreOf[graph.Neighbour[i]];
                if (pod < 0 || seen[pod] == s + 1)
                {
                    continue;
                }

                seen[pod] = s + 1;
                if (layout.Fits(person, pod))
                {
                    edges.Add((s, vertexOfCore[pod], layout.PointsWith(person, pod)));
                }
            }
        }

        var mates = SeededMatching(firstCore + cores.Count, edges, seed, exactLimit);
        var placed = new HashSet<int>();
        for (var s = 0; s < singles.Count; s++)
        {
            if (mates[s] >= 0)
            {
                layout.Join(singles[s], cores[mates[s] - firstCore]);
                placed.Add(singles[s]);
            }
        }

        singles.RemoveAll(placed.Contains);

        // Second round for the few left: any core still a pair, not only the cores of candidate neighbours.
        var open = cores.Where(c => layout.Pods[c].Count == 2).ToList();
        if (singles.Count == 0 || open.Count == 0 || (long)singles.Count * open.Count > CompleteRoundLimit)
        {
            return;
        }

        edges.Clear();
        for (var s = 0; s < singles.Count; s++)
        {
            for (var c = 0; c < open.Count; c++)
            {
                if (layout.Fits(singles[s], open[c]))
                {
                    edges.Add((s, singles.Count + c, layout.PointsWith(singles[s], open[c])));
                }
            }
        }

        mates = SeededMatching(singles.Count + open.Count, edges, seed, exactLimit);
        placed.Clear();
        for (var s = 0; s < singles.Count; s++)
        {
            if (mates[s] >= 0)
            {
                layout.Join(singles[s], open[mates[s] - singles.Count]);
                placed.Add(singles[s]);
            }
        }

        singles.RemoveAll(placed.Contains);
    }

    private static void Quads(PodLayout layout, PeerGraph graph, List<(int A, int B)> pairs, int seed, int exactLimit)
    {
        var pairOf = new int[layout.PodOf.Length];
        Array.Fill(pairOf, -1);
        for (var x = 0; x < pairs.Count; x++)
        {
            pairOf[pairs[x].A] = x;
            pairOf[pairs[x].B] = x;
        }

        // Each pair's edges to higher pairs depend on nothing else, so blocks of pairs are scored in parallel and
        // joined in order: the same edge list as one loop.
        const int Block = 512;
        var blocks = new List<(int A, int B, long Weight)>[(pairs.Count + Block - 1) / Block];
        Parallel.For(
            0,
            blocks.Length,
            () => new int[pairs.Count],
            (block, _, stamp) =>
            {
                var found = blocks[block] = [];
                for (var x = block * Block; x < Math.Min(pairs.Count, (block + 1) * Block); x++)
                {
                    var (a, b) = pairs[x];
                    foreach (var member in (ReadOnlySpan<int>)[a, b])
                    {
                        for (var i = graph.Start[member]; i < graph.Start[member + 1]; i++)
                        {
                            var y = pairOf[graph.Neighbour[i]];
                            if (y <= x || stamp[y] == x + 1)
                            {
                                continue;
                            }

                            stamp[y] = x + 1;
                            var (c, d) = pairs[y];
                            if (layout.Allows(a, c) && layout.Allows(a, d) && layout.Allows(b, c) && layout.Allows(b, d))
                            {
                                found.Add((x, y, layout.Points(a, c) + layout.Points(a, d) + layout.Points(b, c) + layout.Points(b, d)));
                            }
                        }
                    }
                }

                return stamp;
            },
            _ => { });
        var edges = new List<(int A, int B, long Weight)>(blocks.Sum(b => b.Count));
        foreach (var found in blocks)
        {
            edges.AddRange(found);
        }

        var mates = SeededMatching(pairs.Count, edges, seed, exactLimit);
        for (var x = 0; x < pairs.Count; x++)
        {
            if (mates[x] > x)
            {
                layout.Add([pairs[x].A, pairs[x].B, pairs[mates[x]].A, pairs[mates[x]].B]);
            }
            else if (mates[x] < 0)
            {
                layout.Add([pairs[x].A, pairs[x].B]);
            }
        }
    }

    /// <summary>
    /// Maximum-cardinality, maximum-weight matching (exact up to <paramref name="exactLimit"/> vertices, greedy above)
    /// with vertices renumbered by the seed, so ties between equal optima follow the seed.
    /// </summary>
    internal static int[] SeededMatching(int vertices, List<(int A, int B, long Weight)> edges, int seed, int exactLimit = ExactLimit)
    {
        var order = SeededHash.Permutation(vertices, seed);
        var renamed = new int[vertices];
        for (var i = 0; i < vertices; i++)
        {
            renamed[order[i]] = i;
        }

        var list = new WeightedEdge[edges.Count];
        for (var e = 0; e < edges.Count; e++)
        {
            list[e] = new WeightedEdge(renamed[edges[e].A], renamed[edges[e].B], edges[e].Weight);
        }

        var mates = vertices <= exactLimit ? WeightedMatching.Solve(vertices, list) : GreedyMatching.Solve(vertices, list);
        var result = new int[vertices];
        for (var v = 0; v < vertices; v++)
        {
            var m = mates[renamed[v]];
            result[v] = m < 0 ? -1 : order[m];
        }

        return result;
    }
}
