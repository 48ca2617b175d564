using PeerBot.Matching.Solvers;

namespace PeerBot.Matching.Tests.Support;

/// <summary>Exhaustive optima for tiny problems: the reference the solvers must equal.</summary>
internal static class BruteForce
{
    /// <summary>Best (matched count, total weight) over all matchings of a general graph.</summary>
    public static (int Count, long Weight) GeneralMatching(int n, IReadOnlyList<WeightedEdge> edges)
    {
        var weight = new long?[n, n];
        foreach (var (u, v, w) in edges)
        {
            if (weight[u, v] is null || weight[u, v] < w)
            {
                weight[u, v] = weight[v, u] = w;
            }
        }

        return Best(0, new bool[n]);

        (int, long) Best(int v, bool[] used)
        {
            while (v < n && used[v])
            {
                v++;
            }

            if (v == n)
            {
                return (0, 0);
            }

            used[v] = true;
            var best = Best(v + 1, used);
            for (var u = v + 1; u < n; u++)
            {
                if (!used[u] && weight[v, u] is { } w)
                {
                    used[u] = true;
                    var (c, total) = Best(v + 1, used);
                    used[u] = false;
                    if (c + 1 > best.Item1 || (c + 1 == best.Item1 && total + w > best.Item2))
                    {
                        best = (c + 1, total + w);
                    }
                }
            }

            used[v] = false;
            return best;
        }
    }

    /// <summary>Best (matched count, total points) assigning each left node to at most one right node within capacities.</summary>
    public static (int Count, long Points) Assignment(int left, int[] capacity, IReadOnlyList<(int Left, int Right, int Points)> edges)
    {
        var byLeft = edges.GroupBy(e => e.Left).ToDictionary(g => g.Key, g => g.ToArray());
        var remaining = (int[])capacity.Clone();
        return Best(0);

        (int, long) Best(int i)
        {
            if (i == left)
            {
                return (0, 0);
            }

            var best = Best(i + 1);
            foreach (var (_, r, points) in byLeft.GetValueOrDefault(i, []))
            {
                if (remaining[r] == 0)
                {
                    continue;
                }

                remaining[r]--;
                var (c, total) = Best(i + 1);
                remaining[r]++;
                if (c + 1 > best.Item1 || (c + 1 == best.Item1 && total + points > best.Item2))
                {
                    best = (c + 1, total + points);
                }
            }

            return best;
        }
    }

    /// <summary>True when n people can all be split into groups of minimum..maximum whose members are all allowed together.</summary>
    public static bool CanPartition(int n, bool[,] allowed, int minimum, int maximum)
    {
        var used = new bool[n];
        return Fill();

        bool Fill()
        {
            var first = Array.IndexOf(used, false);
            if (first < 0)
            {
                return true;
            }

            used[first] = true;
            var ok = Grow([first]);
            used[first] = false;
            return ok;
        }

        bool Grow(List<int> group)
        {
            if (group.Count >= minimum && Fill())
            {
                return true;
            }

            if (group.Count == maximum)
            {
                return false;
            }

            for (var v = group[^1] + 1; v < n; v++)
            {
                if (used[v] || group.Any(g => !allowed[g, v]))
                {
                    continue;
                }

                used[v] = true;
                group.Add(v);
                var ok = Grow(group);
                group.RemoveAt(group.Count - 1);
                used[v] = false;
                if (ok)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
