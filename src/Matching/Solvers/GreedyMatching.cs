namespace PeerBot.Matching.Solvers;

/// <summary>
/// A large matching quickly, for pools too big for the exact blossom algorithm to finish in seconds (its late
/// augmentations rebuild ever larger alternating trees): heaviest edges first, then short augmenting paths
/// (free – matched – matched – free) so that as many vertices as possible are matched, then swaps of two matched
/// pairs across a four-cycle whenever that raises the weight. Linear-ish in the edges; not guaranteed optimal.
/// Deterministic: ties go to the lower vertex numbers, so renumbering the vertices (by a seed) changes ties only.
/// </summary>
internal static class GreedyMatching
{
    /// <summary>Rounds of augmenting-path and swap passes; each round is linear in the edges.</summary>
    public const int MaxRounds = 8;

    /// <summary>Each vertex's partner, or -1.</summary>
    public static int[] Solve(int vertexCount, IReadOnlyList<WeightedEdge> edges) => Solve(vertexCount, edges, packedKeys: true);

    /// <summary>As <see cref="Solve(int, IReadOnlyList{WeightedEdge})"/>; <paramref name="packedKeys"/> false always takes the comparison sort (for tests).</summary>
    internal static int[] Solve(int vertexCount, IReadOnlyList<WeightedEdge> edges, bool packedKeys)
    {
        var m = edges.Count;
        var us = new int[m];
        var vs = new int[m];
        var ws = new long[m];
        long lightest = long.MaxValue, heaviest = long.MinValue;
        for (var k = 0; k < m; k++)
        {
            var (u, v, w) = edges[k];
            if (u == v || (uint)u >= (uint)vertexCount || (uint)v >= (uint)vertexCount)
            {
                throw new ArgumentException($"Edge {k} ({u}, {v}) is a loop or names a vertex outside 0..{vertexCount - 1}.", nameof(edges));
            }

            (us[k], vs[k], ws[k]) = (u, v, w);
            lightest = Math.Min(lightest, w);
            heaviest = Math.Max(heaviest, w);
        }

        var (start, neighbour, weight) = Adjacency(vertexCount, us, vs, ws);
        var graph = new Graph(start, neighbour, weight, new int[vertexCount], new long[vertexCount]);
        var mate = graph.Mate;
        Array.Fill(mate, -1);

        // Heaviest first, ties to the lower vertex numbers (a state pool has millions of edges). When the weights'
        // spread and the two vertex numbers fit in 64 bits, each edge is one integer key (lightness, lower, higher)
        // and a primitive sort orders them; otherwise one value-type sort of (weight, pair). Parallel edges of equal
        // weight are the same pair either way, so both orders match the same vertices.
        var bits = vertexCount <= 1 ? 1 : 32 - int.LeadingZeroCount(vertexCount - 1);
        var spread = m == 0 ? 0 : (ulong)heaviest - (ulong)lightest;
        if (packedKeys && 2 * bits < 64 && spread < 1UL << (64 - (2 * bits)))
        {
            var keys = new ulong[m];
            for (var k = 0; k < m; k++)
            {
                int u = us[k], v = vs[k];
                keys[k] = (((ulong)heaviest - (ulong)ws[k]) << (2 * bits)) | ((ulong)Math.Min(u, v) << bits) | (uint)Math.Max(u, v);
            }

            Array.Sort(keys);
            var mask = (1UL << bits) - 1;
            foreach (var key in keys)
            {
                int u = (int)((key >> bits) & mask), v = (int)(key & mask);
                if (mate[u] < 0 && mate[v] < 0)
                {
                    graph.Match(u, v);
                }
            }
        }
        else
        {
            var order = new EdgeOrder[m];
            for (var k = 0; k < m; k++)
            {
                order[k] = new EdgeOrder(ws[k], ((long)Math.Min(us[k], vs[k]) << 32) | (uint)Math.Max(us[k], vs[k]), k);
            }

            Array.Sort(order);
            foreach (var edge in order)
            {
                int u = us[edge.Edge], v = vs[edge.Edge];
                if (mate[u] < 0 && mate[v] < 0)
                {
                    graph.Match(u, v);
                }
            }
        }

        // Scratch for the swaps: the weight from one vertex to each of its neighbours, stamped by whose it is.
        var toWeight = new long[vertexCount];
        var toStamp = new int[vertexCount];
        var stamp = 0;
        for (var round = 0; round < MaxRounds; round++)
        {
            var changed = Augment(vertexCount, graph);
            changed |= Swap(vertexCount, graph, toWeight, toStamp, ref stamp);
            if (!changed)
            {
                break;
            }
        }

        return mate;
    }

    /// <summary>
    /// Each vertex's neighbours sorted by number (CSR), so a pair's weight is found by binary search; parallel edges sit
    /// together. Sorted without comparisons: the edges are listed per vertex, then listed again by walking the vertices
    /// in order, which puts every list in neighbour order.
    /// </summary>
    private static (int[] Start, int[] Neighbour, long[] Weight) Adjacency(int vertexCount, int[] us, int[] vs, long[] ws)
    {
        var m = us.Length;
        var start = new int[vertexCount + 1];
        for (var k = 0; k < m; k++)
        {
            start[us[k] + 1]++;
            start[vs[k] + 1]++;
        }

        for (var v = 0; v < vertexCount; v++)
        {
            start[v + 1] += start[v];
        }

        var listed = new int[2 * m];
        var listedWeight = new long[2 * m];
        var fill = (int[])start.Clone();
        for (var k = 0; k < m; k++)
        {
            int u = us[k], v = vs[k];
            listed[fill[u]] = v;
            listedWeight[fill[u]++] = ws[k];
            listed[fill[v]] = u;
            listedWeight[fill[v]++] = ws[k];
        }

        var neighbour = new int[2 * m];
        var weight = new long[2 * m];
        Array.Copy(start, fill, vertexCount + 1);
        for (var v = 0; v < vertexCount; v++)
        {
            for (var i = start[v]; i < start[v + 1]; i++)
            {
                var u = listed[i];
                neighbour[fill[u]] = v;
                weight[fill[u]++] = listedWeight[i];
            }
        }

        return (start, neighbour, weight);
    }

    /// <summary>Weight of edge (u, v), or null when there is none.</summary>
    private static long? Weight(int[] start, int[] neighbour, long[] weight, int u, int v)
    {
        var lo = start[u];
        var hi = start[u + 1] - 1;
        long? best = null;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            if (neighbour[mid] < v)
            {
                lo = mid + 1;
            }
            else if (neighbour[mid] > v)
            {
                hi = mid - 1;
            }
            else
            {
                // Parallel edges sit together: take the heaviest.
                var i = mid;
                while (i > start[u] && neighbour[i - 1] == v)
                {
                    i--;
                }

                for (; i < start[u + 1] && neighbour[i] == v; i++)
                {
                    best = best is { } b ? Math.Max(b, weight[i]) : weight[i];
                }

                return best;
            }
        }

        return null;
    }

    /// <summary>Matches free vertices through paths free u – a = b – free v, keeping the heaviest such path.</summary>
    private static bool Augment(int n, Graph graph)
    {
        var (start, neighbour, weight, mate) = (graph.Start, graph.Neighbour, graph.Weight, graph.Mate);
        var changed = false;
        for (var u = 0; u < n; u++)
        {
            if (mate[u] >= 0)
            {
                continue;
            }

            int bestA = -1, bestV = -1;
            var bestGain = long.MinValue;
            for (var i = start[u]; i < start[u + 1]; i++)
            {
                var a = neighbour[i];
                if (mate[a] < 0)
                {
                    // Another free neighbour (left by an earlier augmentation): match directly.
                    bestA = a;
                    bestV = -1;
                    break;
                }

                var b = mate[a];
                var wab = graph.MatchedWeight[a];
                for (var j = start[b]; j < start[b + 1]; j++)
                {
                    var v = neighbour[j];
                    if (v == u || v == a || mate[v] >= 0)
                    {
                        continue;
                    }

                    var gain = weight[i] + weight[j] - wab;
                    if (gain > bestGain)
                    {
                        (bestGain, bestA, bestV) = (gain, a, v);
                    }
                }
            }

            if (bestA < 0)
            {
                continue;
            }

            if (bestV < 0)
            {
                graph.Match(u, bestA);
            }
            else
            {
                var b = mate[bestA];
                graph.Match(u, bestA);
                graph.Match(b, bestV);
            }

            changed = true;
        }

        return changed;
    }

    /// <summary>Replaces matched pairs (a, b), (c, d) by (a, c), (b, d) when that is heavier.</summary>
    /// <remarks>
    /// b's neighbours are laid out in <paramref name="toWeight"/> once per a (heaviest of parallel edges), so the b–d
    /// weight of every candidate c is one array read instead of a binary search; matched weights are kept per vertex.
    /// </remarks>
    private static bool Swap(int n, Graph graph, long[] toWeight, int[] toStamp, ref int lastStamp)
    {
        var (start, neighbour, weight, mate) = (graph.Start, graph.Neighbour, graph.Weight, graph.Mate);
        var changed = false;
        for (var a = 0; a < n; a++)
        {
            var b = mate[a];
            if (b < 0)
            {
                continue;
            }

            var stamp = ++lastStamp;
            for (var j = start[b]; j < start[b + 1]; j++)
            {
                var v = neighbour[j];
                if (toStamp[v] != stamp)
                {
                    toStamp[v] = stamp;
                    toWeight[v] = weight[j];
                }
                else
                {
                    toWeight[v] = Math.Max(toWeight[v], weight[j]);
                }
            }

            var wab = graph.MatchedWeight[a];
            for (var i = start[a]; i < start[a + 1]; i++)
            {
                var c = neighbour[i];
                var d = c == b ? -1 : mate[c];
                if (d < 0 || d == a || d == b || toStamp[d] != stamp)
                {
                    continue;
                }

                var wbd = toWeight[d];
                var wcd = graph.MatchedWeight[c];
                if (weight[i] + wbd > wab + wcd)
                {
                    graph.Match(a, c);
                    graph.Match(b, d);
                    changed = true;
                    break;
                }
            }
        }

        return changed;
    }

    /// <summary>The adjacency (sorted by neighbour), the matching, and each matched vertex's edge weight.</summary>
    private sealed record Graph(int[] Start, int[] Neighbour, long[] Weight, int[] Mate, long[] MatchedWeight)
    {
        public void Match(int u, int v)
        {
            var w = GreedyMatching.Weight(Start, Neighbour, Weight, u, v) ?? 0;
            (Mate[u], Mate[v]) = (v, u);
            (MatchedWeight[u], MatchedWeight[v]) = (w, w);
        }
    }

    /// <summary>An edge's place in the greedy order: heavier first, then by its lower and its higher vertex.</summary>
    private readonly record struct EdgeOrder(long Weight, long Pair, int Edge) : IComparable<EdgeOrder>
    {
        public int CompareTo(EdgeOrder other)
        {
            var c = other.Weight.CompareTo(Weight);
            return c != 0 ? c : Pair.CompareTo(other.Pair);
        }
    }
}
