using System.Diagnostics;

namespace PeerBot.Matching.Solvers;

/// <summary>Shrinking, expanding and augmenting through blossoms.</summary>
internal sealed partial class WeightedMatching
{
    /// <summary>Walks up from two S-vertices of the same tree, alternately, to their closest common blossom base.</summary>
    private int ScanBlossom(int v, int w)
    {
        var path = _crumbs;
        path.Clear();
        var found = -1;
        while (v != -1 || w != -1)
        {
            var b = _inBlossom[v];
            if ((_label[b] & Breadcrumb) != 0)
            {
                found = _base[b];
                break;
            }

            Debug.Assert(_label[b] == S, "paths up a tree alternate S and T");
            path.Add(b);
            _label[b] = S | Breadcrumb;
            if (_labelEnd[b] == -1)
            {
                v = -1;
            }
            else
            {
                v = _endpoint[_labelEnd[b]];
                b = _inBlossom[v];
                Debug.Assert(_label[b] == T, "an S-blossom hangs below a T-blossom");
                v = _endpoint[_labelEnd[b]];
            }

            if (w != -1)
            {
                (v, w) = (w, v);
            }
        }

        foreach (var b in path)
        {
            _label[b] = S;
        }

        Debug.Assert(found >= 0, "two S-vertices of one tree meet");
        return found;
    }

    /// <summary>Shrinks the odd cycle closed by tight edge <paramref name="k"/> into a new S-blossom with base <paramref name="baseVertex"/>.</summary>
    private void AddBlossom(int baseVertex, int k)
    {
        int v = _endpoint[2 * k], w = _endpoint[(2 * k) + 1];
        int bb = _inBlossom[baseVertex], bv = _inBlossom[v], bw = _inBlossom[w];
        var b = _unused.Pop();
        _base[b] = baseVertex;
        _parent[b] = -1;
        var path = _childs[b] ??= [];
        var endps = _endps[b] ??= [];
        path.Clear();
        endps.Clear();
        while (bv != bb)
        {
            path.Add(bv);
            endps.Add(_labelEnd[bv]);
            v = _endpoint[_labelEnd[bv]];
            bv = _inBlossom[v];
        }

        path.Add(bb);
        path.Reverse();
        endps.Reverse();
        endps.Add(2 * k);
        while (bw != bb)
        {
            path.Add(bw);
            endps.Add(_labelEnd[bw] ^ 1);
            w = _endpoint[_labelEnd[bw]];
            bw = _inBlossom[w];
        }

        var leaves = _blossomLeaves;
        foreach (var child in path)
        {
            if (child >= _n)
            {
                // A sub-blossom's dual stops changing once it is no longer top-level.
                _zBase[child] = TopDual(child);
                _zTime[child] = _now;
            }

            if (_label[child] == T)
            {
                // T-vertices turn into S-vertices: settle their rising duals, then scan them as S.
                SettleLeaves(child, leaves);
                foreach (var leaf in leaves)
                {
                    _queue.Push(leaf);
                }
            }
        }

        var tree = _tree[bb];
        _label[b] = S;
        _labelEnd[b] = _labelEnd[bb];
        _zBase[b] = 0;
        _zTime[b] = _now;
        _tree[b] = tree;
        _treeMembers[tree].Add(b);
        foreach (var child in path)
        {
            _parent[child] = b;
        }

        leaves.Clear();
        Leaves(b, leaves);
        foreach (var leaf in leaves)
        {
            _inBlossom[leaf] = b;
        }
    }

    /// <summary>
    /// Splits top-level blossom <paramref name="b"/> into its children. A T-blossom whose dual reached zero relabels
    /// the children on the path from its entry to its base (T, S, …, T) and frees the others; at the end of a tree's
    /// life (<paramref name="endStage"/>) the children just become unlabelled, recursively while their dual is zero.
    /// </summary>
    private void ExpandBlossom(int b, bool endStage)
    {
        var leaves = new List<int>();
        SettleLeaves(b, leaves);
        var childs = _childs[b]!;
        var endps = _endps[b]!;
        foreach (var s in childs)
        {
            _parent[s] = -1;
            _label[s] = Free;
            _labelEnd[s] = -1;
            _tree[s] = -1;
            _zTime[s] = _now;
            if (s < _n)
            {
                _inBlossom[s] = s;
            }
            else if (endStage && _zBase[s] == 0)
            {
                ExpandBlossom(s, endStage: true);
            }
            else
            {
                leaves.Clear();
                Leaves(s, leaves);
                foreach (var leaf in leaves)
                {
                    _inBlossom[leaf] = s;
                }
            }
        }

        if (!endStage && _label[b] == T)
        {
            RelabelExpandedT(b, childs, endps);
        }

        _label[b] = Free;
        _labelEnd[b] = -1;
        _base[b] = -1;
        _tree[b] = -1;
        _parent[b] = -1;
        childs.Clear();
        endps.Clear();
        _unused.Push(b);
    }

    private void RelabelExpandedT(int b, List<int> childs, List<int> endps)
    {
        var tree = _tree[b];
        var length = childs.Count;
        var entryChild = _inBlossom[_endpoint[_labelEnd[b] ^ 1]];
        var j = childs.IndexOf(entryChild);
        int step, endTrick;
        if ((j & 1) != 0)
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

        var p = _labelEnd[b];
        while (j != 0)
        {
            AssignLabel(_endpoint[p ^ 1], T, p, tree);
            j += step;
            p = endps[Mod(j - endTrick, length)] ^ endTrick;
            j += step;
        }

        // The base child becomes T without passing S on to its mate, which lies outside the blossom.
        var baseChild = childs[Mod(j, length)];
        _label[baseChild] = T;
        _labelEnd[baseChild] = p;
        _tree[baseChild] = tree;
        _treeMembers[tree].Add(baseChild);
        if (baseChild >= _n)
        {
            _events.Push(_now + _zBase[baseChild], (baseChild << 2) | ExpandEvent);
        }

        // Children off the path become unlabelled; S-vertices may reach them from now on.
        var leaves = new List<int>();
        j += step;
        while (childs[Mod(j, length)] != entryChild)
        {
            Leaves(childs[Mod(j, length)], leaves);
            j += step;
        }

        foreach (var v in leaves)
        {
            ScheduleFromS(v);
        }
    }

    private static void Rotate(List<int> list, int by)
    {
        if (by == 0)
        {
            return;
        }

        var rotated = new int[list.Count];
        for (var x = 0; x < list.Count; x++)
        {
            rotated[x] = list[(x + by) % list.Count];
        }

        list.Clear();
        list.AddRange(rotated);
    }

    private static int Mod(int x, int m) => ((x % m) + m) % m;
}
