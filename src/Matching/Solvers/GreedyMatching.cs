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
    public static int[] Solve(int vertexCount, IReadOnlyList<WeightedEdge> edges)
    {
        var m = edges.Count;
        var us = new int[m];
        var vs = new int[m];
        var ws = new long[m];
        var order = new EdgeOrder[m];
        for (var k = 0; k < m; k++)
        {
            var (u, v, w) = edges[k];
            if (u == v || (uint)u >= (uint)vertexCount || (uint)v >= (uint)vertexCount)
            {
                throw new ArgumentException($"Edge {k} ({u}, {v}) is a loop or names a vertex outside 0..{vertexCount - 1}.", nameof(edges));
            }

            (us[k], vs[k], ws[k]) = (u, v, w);
            order[k] = new EdgeOrder(w, ((long)Math.Min(u, v) << 32) | (uint)Math.Max(u, v), k);
        }

        // Heaviest first, ties to the lower vertex numbers: one value-type sort (a state pool has millions of edges).
        Array.Sort(order);

        // Adjacency sorted by neighbour, so a pair's weight is found by binary search; parallel edges keep the heaviest.
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

        var neighbour = new int[2 * m];
        var weight = new long[2 * m];
        var fill = (int[])start.Clone();
        for (var k = 0; k < m; k++)
        {
            int u = us[k], v = vs[k];
            neighbour[fill[u]] = v;
            weight[fill[u]++] = ws[k];
            neighbour[fill[v]] = u;
            weight[fill[v]++] = ws[k];
        }

        for (var v = 0; v < vertexCount; v++)
        {
            Array.Sort(neighbour, weight, start[v], start[v + 1] - start[v]);
        }

        var mate = new int[vertexCount];
        Array.Fill(mate, -1);
        foreach (var edge in order)
        {
            int u = us[edge.Edge], v = vs[edge.Edge];
            if (mate[u] < 0 && mate[v] < 0)
            {
                mate[u] = v;
                mate[v] = u;
            }
        }

        for (var round = 0; round < MaxRounds; round++)
        {
            var changed = Augment(vertexCount, start, neighbour, weight, mate);
            changed |= Swap(vertexCount, start, neighbour, weight, mate);
            if (!changed)
            {
                break;
            }
        }

        return mate;
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
    private static bool Augment(int n, int[] start, int[] neighbour, long[] weight, int[] mate)
    {
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
                var wab = Weight(start, neighbour, weight, a, b) ?? 0;
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
                mate[u] = bestA;
                mate[bestA] = u;
            }
            else
            {
                var b = mate[bestA];
                mate[u] = bestA;
                mate[bestA] = u;
                mate[b] = bestV;
                mate[bestV] = b;
            }

            changed = true;
        }

        return changed;
    }

    /// <summary>Replaces matched pairs (a, b), (c, d) by (a, c), (b, d) when that is heavier.</summary>
    private static bool Swap(int n, int[] start, int[] neighbour, long[] weight, int[] mate)
    {
        var changed = false;
        for (var a = 0; a < n; a++)
        {
            var b = mate[a];
            if (b < 0)
            {
                continue;
            }

            var wab = Weight(start, neighbour, weight, a, b) ?? 0;
            for (var i = start[a]; i < start[a + 1]; i++)
            {
                var c = neighbour[i];
                var d = c == b ? -1 : mate[c];
                if (d < 0 || d == a || d == b)
                {
                    continue;
                }

                if (Weight(start, neighbour, weight, b, d) is not { } wbd)
                {
                    continue;
                }

                var wcd = Weight(start, neighbour, weight, c, d) ?? 0;
                if (weight[i] + wbd > wab + wcd)
                {
                    mate[a] = c;
                    mate[c] = a;
                    mate[b] = d;
                    mate[d] = b;
                    changed = true;
                    break;
                }
            }
        }

        return changed;
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
