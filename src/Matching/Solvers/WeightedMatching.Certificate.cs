namespace PeerBot.Matching.Solvers;

/// <summary>
/// Checks the final duals prove the matching optimal: every edge has non-negative slack (counting the duals of the
/// blossoms holding both ends), matched edges are tight, blossom duals are non-negative and positive only on full
/// blossoms, and every unmatched vertex has the lowest vertex dual. Then the matching has maximum weight among all
/// matchings of its size; together with "no augmenting path" that is maximum-cardinality, maximum-weight.
/// </summary>
internal sealed partial class WeightedMatching
{
    /// <summary>Null when the certificate holds; otherwise what is wrong.</summary>
    public string? VerifyOptimum()
    {
        var y = new long[_n];
        var lowest = long.MaxValue;
        for (var v = 0; v < _n; v++)
        {
            y[v] = Dual(v);
            lowest = Math.Min(lowest, y[v]);
        }

        var z = new long[2 * _n];
        for (var b = _n; b < 2 * _n; b++)
        {
            if (_base[b] < 0)
            {
                continue;
            }

            z[b] = _parent[b] == -1 ? TopDual(b) : _zBase[b];
            if (z[b] < 0)
            {
                return $"blossom {b} has negative dual {z[b]}";
            }
        }

        for (var k = 0; k < _weight.Length; k++)
        {
            int u = _endpoint[2 * k], v = _endpoint[(2 * k) + 1];
            var slack = y[u] + y[v] - (2 * _weight[k]) + (2 * SharedBlossomDual(u, v, z));
            if (slack < 0)
            {
                return $"edge {k} ({u}, {v}) has negative slack {slack}";
            }

            var matched = _mate[u] >> 1 == k || _mate[v] >> 1 == k;
            if (matched && (slack != 0 || _mate[u] >> 1 != k || _mate[v] >> 1 != k))
            {
                return $"matched edge {k} ({u}, {v}) is not tight or not matched at both ends";
            }
        }

        for (var v = 0; v < _n; v++)
        {
            if (_mate[v] < 0 && y[v] != lowest)
            {
                return $"free vertex {v} has dual {y[v]} above the lowest {lowest}";
            }
        }

        for (var b = _n; b < 2 * _n; b++)
        {
            if (_base[b] < 0 || z[b] == 0)
            {
                continue;
            }

            var endps = _endps[b]!;
            if (endps.Count % 2 != 1)
            {
                return $"blossom {b} has an even number of children";
            }

            for (var i = 1; i < endps.Count; i += 2)
            {
                var p = endps[i];
                if (_mate[_endpoint[p]] != (p ^ 1) || _mate[_endpoint[p ^ 1]] != p)
                {
                    return $"blossom {b} has positive dual but is not full";
                }
            }
        }

        return null;
    }

    private long SharedBlossomDual(int u, int v, long[] z)
    {
        var above = new HashSet<int>();
        for (var b = _parent[u]; b != -1; b = _parent[b])
        {
            above.Add(b);
        }

        long sum = 0;
        for (var b = _parent[v]; b != -1; b = _parent[b])
        {
            if (above.Contains(b))
            {
                sum += z[b];
            }
        }

        return sum;
    }
}
