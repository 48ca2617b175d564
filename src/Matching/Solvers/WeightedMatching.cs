namespace PeerBot.Matching.Solvers;

/// <summary>
/// Maximum-cardinality, maximum-weight matching on a general graph: Edmonds' blossom algorithm with Galil's dual
/// variables (the structure of Van Rantwijk's well-known implementation), made fast on large sparse graphs by
/// <list type="bullet">
/// <item>keeping the alternating forest across augmentations: only the two trees an augmenting path ran through
/// are taken apart, instead of relabelling the whole graph after every augmentation;</item>
/// <item>lazy duals: a vertex's dual is stored with the time its current rate (−1 in an S-blossom, +1 in a
/// T-blossom, 0 unlabelled) began, so a dual update is O(1) instead of O(n);</item>
/// <item>one monotone queue of "when does this become tight" events (S–free edges, S–S edges, T-blossom duals
/// reaching zero) in place of scanning every vertex for the next dual step; stale events are skipped when popped.</item>
/// </list>
/// Free vertices stay S-roots whose duals fall together, which is what makes the result maximum-cardinality first.
/// Units follow Van Rantwijk: slack(uv) = y(u) + y(v) − 2w(uv), all integers.
/// </summary>
internal sealed partial class WeightedMatching
{
    private const int Free = 0;
    private const int S = 1;
    private const int T = 2;
    private const int Breadcrumb = 4;
    private const int GrowEvent = 0;
    private const int BlossomEvent = 1;
    private const int ExpandEvent = 2;

    private readonly int _n;
    private readonly int[] _endpoint;
    private readonly long[] _weight;
    private readonly int[] _adjStart;
    private readonly int[] _adj;
    private readonly int[] _mate;
    private readonly int[] _label;
    private readonly int[] _labelEnd;
    private readonly int[] _inBlossom;
    private readonly int[] _parent;
    private readonly List<int>?[] _childs;
    private readonly List<int>?[] _endps;
    private readonly int[] _base;
    private readonly Stack<int> _unused = new();
    private readonly long[] _yBase;
    private readonly long[] _yTime;
    private readonly long[] _zBase;
    private readonly long[] _zTime;
    private readonly int[] _tree;
    private readonly List<int>[] _treeMembers;
    private readonly RadixHeap _events = new();
    private readonly Stack<int> _queue = new();
    private readonly List<int> _scratch = [];
    private readonly List<int> _released = [];
    private readonly List<int> _releasedLeaves = [];
    private readonly List<int> _expandLater = [];
    private readonly List<int> _crumbs = [];
    private readonly List<int> _blossomLeaves = [];
    private long _now;

    private WeightedMatching(int vertexCount, IReadOnlyList<WeightedEdge> edges)
    {
        _n = vertexCount;
        var m = edges.Count;
        _endpoint = new int[2 * m];
        _weight = new long[m];
        var degree = new int[_n + 1];
        long maxWeight = 0;
        for (var k = 0; k < m; k++)
        {
            var (u, v, w) = edges[k];
            if (u == v || (uint)u >= (uint)_n || (uint)v >= (uint)_n)
            {
                throw new ArgumentException($"Edge {k} ({u}, {v}) is a loop or names a vertex outside 0..{_n - 1}.", nameof(edges));
            }

            _endpoint[2 * k] = u;
            _endpoint[(2 * k) + 1] = v;
            _weight[k] = w;
            maxWeight = Math.Max(maxWeight, w);
            degree[u]++;
            degree[v]++;
        }

        _adjStart = new int[_n + 1];
        for (var v = 0; v < _n; v++)
        {
            _adjStart[v + 1] = _adjStart[v] + degree[v];
        }

        _adj = new int[2 * m];
        var fill = (int[])_adjStart.Clone();
        for (var k = 0; k < m; k++)
        {
            // Each vertex lists the remote endpoints of its edges.
            _adj[fill[_endpoint[2 * k]]++] = (2 * k) + 1;
            _adj[fill[_endpoint[(2 * k) + 1]]++] = 2 * k;
        }

        _mate = new int[_n];
        _label = new int[2 * _n];
        _labelEnd = new int[2 * _n];
        _inBlossom = new int[_n];
        _parent = new int[2 * _n];
        _childs = new List<int>?[2 * _n];
        _endps = new List<int>?[2 * _n];
        _base = new int[2 * _n];
        _yBase = new long[_n];
        _yTime = new long[_n];
        _zBase = new long[2 * _n];
        _zTime = new long[2 * _n];
        _tree = new int[2 * _n];
        _treeMembers = new List<int>[_n];
        Array.Fill(_mate, -1);
        Array.Fill(_labelEnd, -1);
        Array.Fill(_parent, -1);
        Array.Fill(_base, -1);
        Array.Fill(_tree, -1);
        for (var v = 0; v < _n; v++)
        {
            _inBlossom[v] = v;
            _base[v] = v;
            _yBase[v] = maxWeight;
        }

        for (var b = (2 * _n) - 1; b >= _n; b--)
        {
            _unused.Push(b);
        }

        for (var v = 0; v < _n; v++)
        {
            // Every vertex starts as the S-root of its own tree; tree ids are root vertices.
            _label[v] = S;
            _tree[v] = v;
            _treeMembers[v] = [v];
        }

        for (var k = m - 1; k >= 0; k--)
        {
            // All duals start equal, so edges become tight heaviest first: the first events build a greedy matching.
            _events.Push(maxWeight - _weight[k], (k << 2) | BlossomEvent);
        }
    }

    /// <summary>The matching: for each vertex its partner, or -1.</summary>
    public int[] Mates()
    {
        var mates = new int[_n];
        for (var v = 0; v < _n; v++)
        {
            mates[v] = _mate[v] < 0 ? -1 : _endpoint[_mate[v]];
        }

        return mates;
    }

    /// <summary>Solves and returns each vertex's partner (-1 when unmatched).</summary>
    public static int[] Solve(int vertexCount, IReadOnlyList<WeightedEdge> edges) => Run(vertexCount, edges).Mates();

    /// <summary>Solves and keeps the final duals, for <see cref="VerifyOptimum"/>.</summary>
    public static WeightedMatching Run(int vertexCount, IReadOnlyList<WeightedEdge> edges)
    {
        var solver = new WeightedMatching(vertexCount, edges);
        solver.Solve();
        return solver;
    }

    private void Solve()
    {
        while (true)
        {
            while (_queue.Count > 0)
            {
                var v = _queue.Pop();
                if (_label[_inBlossom[v]] == S)
                {
                    Scan(v);
                }
            }

            if (!NextEvent())
            {
                // No edge or blossom can become tight: no augmenting path is left, so the matching has maximum
                // cardinality, and the duals prove it has maximum weight among those.
                return;
            }
        }
    }

    /// <summary>Looks at every edge of S-vertex <paramref name="v"/>: acts on tight ones, schedules the others.</summary>
    private void Scan(int v)
    {
        for (var i = _adjStart[v]; i < _adjStart[v + 1]; i++)
        {
            var bv = _inBlossom[v];
            if (_label[bv] != S)
            {
                // An augmentation took v's tree apart.
                return;
            }

            var p = _adj[i];
            var k = p >> 1;
            var w = _endpoint[p];
            var bw = _inBlossom[w];
            if (bv == bw || _label[bw] == T)
            {
                // Edges to T-blossoms keep their slack; they are looked at again when that blossom changes label.
                continue;
            }

            var slack = Slack(k);
            if (_label[bw] == S)
            {
                if (slack == 0)
                {
                    OnTightBetweenS(k);
                }
                else
                {
                    _events.Push(_now + (slack / 2), (k << 2) | BlossomEvent);
                }
            }
            else if (slack == 0)
            {
                AssignLabel(w, T, p ^ 1, _tree[bv]);
            }
            else
            {
                _events.Push(_now + slack, (k << 2) | GrowEvent);
            }
        }
    }

    private void OnTightBetweenS(int k)
    {
        int u = _endpoint[2 * k], v = _endpoint[(2 * k) + 1];
        int treeU = _tree[_inBlossom[u]], treeV = _tree[_inBlossom[v]];
        if (treeU == treeV)
        {
            AddBlossom(ScanBlossom(u, v), k);
        }
        else
        {
            AugmentMatching(k);
            Dissolve(treeU, treeV);
        }
    }

    /// <summary>Advances time to the next event that is still valid and handles it; false when there is none.</summary>
    private bool NextEvent()
    {
        while (_events.TryPop(out var key, out var item))
        {
            var id = item >> 2;
            switch (item & 3)
            {
                case GrowEvent when ValidGrow(key, id):
                    _now = key;
                    int u = _endpoint[2 * id], v = _endpoint[(2 * id) + 1];
                    if (_label[_inBlossom[u]] == S)
                    {
                        AssignLabel(v, T, 2 * id, _tree[_inBlossom[u]]);
                    }
                    else
                    {
                        AssignLabel(u, T, (2 * id) + 1, _tree[_inBlossom[v]]);
                    }

                    return true;
                case BlossomEvent when ValidBlossom(key, id):
                    _now = key;
                    OnTightBetweenS(id);
                    return true;
                case ExpandEvent when ValidExpand(key, id):
                    _now = key;
                    ExpandBlossom(id, endStage: false);
                    return true;
            }
        }

        return false;
    }

    private bool ValidGrow(long key, int k)
    {
        int bu = _inBlossom[_endpoint[2 * k]], bv = _inBlossom[_endpoint[(2 * k) + 1]];
        int lu = _label[bu], lv = _label[bv];
        return bu != bv && ((lu == S && lv == Free) || (lu == Free && lv == S)) && _now + Slack(k) == key;
    }

    private bool ValidBlossom(long key, int k)
    {
        int bu = _inBlossom[_endpoint[2 * k]], bv = _inBlossom[_endpoint[(2 * k) + 1]];
        return bu != bv && _label[bu] == S && _label[bv] == S && _now + (Slack(k) / 2) == key;
    }

    private bool ValidExpand(long key, int b) =>
        _parent[b] == -1 && _base[b] >= 0 && _label[b] == T && _now + TopDual(b) == key;
}
