using System.Diagnostics;

namespace PeerBot.Matching.Solvers;

/// <summary>Flipping matched and unmatched edges along an augmenting path, through any blossoms on it.</summary>
internal sealed partial class WeightedMatching
{
    /// <summary>Swaps matched and unmatched edges along the path through blossom <paramref name="b"/> from <paramref name="v"/> to its base.</summary>
    private void AugmentBlossom(int b, int v)
    {
        var t = v;
        while (_parent[t] != b)
        {
            t = _parent[t];
        }

        if (t >= _n)
        {
            AugmentBlossom(t, v);
        }

        var childs = _childs[b]!;
        var endps = _endps[b]!;
        var length = childs.Count;
        var i = childs.IndexOf(t);
        var j = i;
        int step, endTrick;
        if ((i & 1) != 0)
        {
            j -= length;
            step = 1;
            endTrick = 0;
        }
        else
        {
            step = -1;
            endTrick = 1;
        }

        while (j != 0)
        {
            j += step;
            t = childs[Mod(j, length)];
            var p = endps[Mod(j - endTrick, length)] ^ endTrick;
            if (t >= _n)
            {
                AugmentBlossom(t, _endpoint[p]);
            }

            j += step;
            t = childs[Mod(j, length)];
            if (t >= _n)
            {
                AugmentBlossom(t, _endpoint[p ^ 1]);
            }

            _mate[_endpoint[p]] = p ^ 1;
            _mate[_endpoint[p ^ 1]] = p;
        }

        // Rotate so the new base comes first.
        Rotate(childs, i);
        Rotate(endps, i);
        _base[b] = _base[childs[0]];
        Debug.Assert(_base[b] == v, "the blossom's new base is where the path entered");
    }

    /// <summary>Augments along the path through tight S–S edge <paramref name="k"/> joining two trees.</summary>
    private void AugmentMatching(int k)
    {
        foreach (var (start, end) in (ReadOnlySpan<(int, int)>)[(_endpoint[2 * k], (2 * k) + 1), (_endpoint[(2 * k) + 1], 2 * k)])
        {
            int s = start, p = end;
            while (true)
            {
                var bs = _inBlossom[s];
                Debug.Assert(_label[bs] == S, "augmenting paths climb S-blossoms");
                if (bs >= _n)
                {
                    AugmentBlossom(bs, s);
                }

                _mate[s] = p;
                if (_labelEnd[bs] == -1)
                {
                    break;
                }

                var t = _endpoint[_labelEnd[bs]];
                var bt = _inBlossom[t];
                Debug.Assert(_label[bt] == T, "an S-blossom hangs below a T-blossom");
                s = _endpoint[_labelEnd[bt]];
                var j = _endpoint[_labelEnd[bt] ^ 1];
                if (bt >= _n)
                {
                    AugmentBlossom(bt, j);
                }

                _mate[j] = _labelEnd[bt];
                p = _labelEnd[bt] ^ 1;
            }
        }
    }
}
