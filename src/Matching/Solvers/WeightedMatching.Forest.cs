using System.Diagnostics;

namespace PeerBot.Matching.Solvers;

/// <summary>Labels, lazy duals and taking trees apart after an augmentation.</summary>
internal sealed partial class WeightedMatching
{
    /// <summary>Current dual of vertex <paramref name="v"/>: S-vertices fall, T-vertices rise, the rest stay.</summary>
    private long Dual(int v) => _label[_inBlossom[v]] switch
    {
        S => _yBase[v] - (_now - _yTime[v]),
        T => _yBase[v] + (_now - _yTime[v]),
        _ => _yBase[v],
    };

    /// <summary>Current dual of top-level blossom <paramref name="b"/>: S-blossoms grow, T-blossoms shrink.</summary>
    private long TopDual(int b) => _label[b] switch
    {
        S => _zBase[b] + (_now - _zTime[b]),
        T => _zBase[b] - (_now - _zTime[b]),
        _ => _zBase[b],
    };

    private long Slack(int k) => Dual(_endpoint[2 * k]) + Dual(_endpoint[(2 * k) + 1]) - (2 * _weight[k]);

    /// <summary>Stores the current dual of every leaf of top-level <paramref name="b"/>, before its rate changes.</summary>
    private void SettleLeaves(int b, List<int> leaves)
    {
        leaves.Clear();
        Leaves(b, leaves);
        foreach (var v in leaves)
        {
            _yBase[v] = Dual(v);
            _yTime[v] = _now;
        }
    }

    private void Leaves(int b, List<int> into)
    {
        if (b < _n)
        {
            into.Add(b);
            return;
        }

        foreach (var child in _childs[b]!)
        {
            Leaves(child, into);
        }
    }

    /// <summary>
    /// Labels the unlabelled top-level blossom containing <paramref name="w"/>, reached through endpoint
    /// <paramref name="p"/>, into <paramref name="tree"/>; a T-blossom passes label S on to its mate.
    /// </summary>
    private void AssignLabel(int w, int label, int p, int tree)
    {
        while (true)
        {
            var b = _inBlossom[w];
            Debug.Assert(_label[b] == Free, "only unlabelled blossoms get a label");
            var leaves = _scratch;
            SettleLeaves(b, leaves);
            _zTime[b] = _now;
            _label[b] = label;
            _labelEnd[b] = p;
            _tree[b] = tree;
            _treeMembers[tree].Add(b);
            if (label == S)
            {
                foreach (var v in leaves)
                {
                    _queue.Push(v);
                }

                return;
            }

            if (b >= _n)
            {
                _events.Push(_now + _zBase[b], (b << 2) | ExpandEvent);
            }

            var mateEnd = _mate[_base[b]];
            Debug.Assert(mateEnd >= 0, "an unlabelled blossom is matched");
            (w, label, p) = (_endpoint[mateEnd], S, mateEnd ^ 1);
        }
    }

    /// <summary>
    /// After an augmentation through two trees, unlabels everything in them (the rest of the forest stays), and
    /// schedules the edges from surviving S-vertices to the vertices that just became free to reach.
    /// </summary>
    private void Dissolve(int treeA, int treeB)
    {
        var released = _released;
        var leaves = _releasedLeaves;
        var expand = _expandLater;
        released.Clear();
        expand.Clear();
        foreach (var tree in (ReadOnlySpan<int>)[treeA, treeB])
        {
            foreach (var b in _treeMembers[tree])
            {
                if (_parent[b] != -1 || _label[b] == Free || _tree[b] != tree || _base[b] < 0)
                {
                    continue;
                }

                SettleLeaves(b, leaves);
                released.AddRange(leaves);
                if (b >= _n)
                {
                    _zBase[b] = TopDual(b);
                    _zTime[b] = _now;
                    if (_zBase[b] == 0)
                    {
                        expand.Add(b);
                    }
                }

                _label[b] = Free;
                _labelEnd[b] = -1;
                _tree[b] = -1;
            }

            _treeMembers[tree].Clear();
        }

        foreach (var b in expand)
        {
            // A blossom whose dual is zero is worth nothing to keep; splitting it gives the next trees more room.
            if (_parent[b] == -1 && _base[b] >= 0 && _label[b] == Free)
            {
                ExpandBlossom(b, endStage: true);
            }
        }

        foreach (var v in released)
        {
            ScheduleFromS(v);
        }
    }

    /// <summary>Schedules the edges between unlabelled vertex <paramref name="v"/> and S-vertices.</summary>
    private void ScheduleFromS(int v)
    {
        var bv = _inBlossom[v];
        for (var i = _adjStart[v]; i < _adjStart[v + 1]; i++)
        {
            var p = _adj[i];
            var bw = _inBlossom[_endpoint[p]];
            if (bw != bv && _label[bw] == S)
            {
                _events.Push(_now + Slack(p >> 1), ((p >> 1) << 2) | GrowEvent);
            }
        }
    }
}
