using System.Diagnostics;

namespace PeerBot.Matching.Solvers;

/// <summary>
/// Exact capacitated assignment by successive shortest paths: rows hand out units of supply one at a time, each
/// along a shortest path (Dijkstra on reduced costs, stopped at the first free column) to a column with room, with
/// node potentials kept as in Jonker–Volgenant so reduced costs stay non-negative. A row unit may also end in a
/// shared "unfilled" sink at a cost above any total of real costs, which makes the result maximum-cardinality first
/// and minimum-cost second, and lets a later unit displace an earlier, worse one. Searches stay small when the rows
/// are the scarcer side, because most columns are still free.
/// </summary>
internal sealed class Transportation
{
    private readonly int _rows;
    private readonly int _columns;
    private readonly int[] _start;
    private readonly int[] _column;
    private readonly long[] _cost;
    private readonly int[] _rowOf;
    private readonly int[] _slotStart;
    private readonly int[] _slots;
    private readonly int[] _load;
    private readonly bool[] _used;
    private readonly long[] _potential;
    private readonly long[] _distance;
    private readonly int[] _stamp;
    private readonly int[] _via;
    private readonly int[] _settledIn;
    private readonly List<int> _settled = [];
    private readonly RadixHeap _heap = new();
    private readonly long _unfilledCost;
    private int _search;

    /// <param name="start">CSR of the edges by row: row r's edges are start[r]..start[r+1].</param>
    /// <param name="column">Each edge's column.</param>
    /// <param name="cost">Each edge's non-negative cost.</param>
    /// <param name="capacity">How many units each column takes.</param>
    public Transportation(int[] start, int[] column, long[] cost, int[] capacity)
    {
        _rows = start.Length - 1;
        _columns = capacity.Length;
        _start = start;
        _column = column;
        _cost = cost;
        _rowOf = new int[column.Length];
        for (var r = 0; r < _rows; r++)
        {
            for (var e = start[r]; e < start[r + 1]; e++)
            {
                _rowOf[e] = r;
            }
        }

        _slotStart = new int[_columns + 1];
        for (var c = 0; c < _columns; c++)
        {
            _slotStart[c + 1] = _slotStart[c] + Math.Max(0, capacity[c]);
        }

        _slots = new int[_slotStart[^1]];
        _load = new int[_columns];
        _used = new bool[column.Length];
        var nodes = _rows + _columns + 1;
        _potential = new long[nodes];
        _distance = new long[nodes];
        _stamp = new int[nodes];
        _via = new int[nodes];
        _settledIn = new int[nodes];
        long maxCost = 0;
        foreach (var c in cost)
        {
            Debug.Assert(c >= 0, "costs are non-negative");
            maxCost = Math.Max(maxCost, c);
        }

        // Above any difference two assignments' real costs can make, so filling one more unit always wins.
        _unfilledCost = ((long)Math.Min(_rows, _slots.Length) + 1) * (maxCost + 1);
    }

    private int Sink => _rows + _columns;

    /// <summary>Hands out every row's supply (rows in <paramref name="order"/>); returns which edges carry a unit.</summary>
    public bool[] Solve(int[] supply, int[] order)
    {
        // Rows with the fewest candidates go first, while their few options are still free: this cut the
        // work of later searches by a third on generated state-sized pools. The seed orders rows of equal degree.
        var byDegree = order.OrderBy(r => _start[r + 1] - _start[r]).ToArray();
        foreach (var r in byDegree)
        {
            for (var unit = 0; unit < supply[r]; unit++)
            {
                Augment(r);
            }
        }

        return _used;
    }

    /// <summary>Sends one unit from <paramref name="source"/> along a shortest augmenting path.</summary>
    private void Augment(int source)
    {
        var search = ++_search;
        _settled.Clear();
        _heap.Clear();
        Reach(source, 0, -1, search);
        while (_heap.TryPop(out var d, out var node))
        {
            if (_settledIn[node] == search || d != _distance[node])
            {
                continue;
            }

            if (node == Sink || (node >= _rows && _load[node - _rows] < Capacity(node - _rows)))
            {
                Finish(source, node, d);
                return;
            }

            _settledIn[node] = search;
            _settled.Add(node);
            if (node < _rows)
            {
                for (var e = _start[node]; e < _start[node + 1]; e++)
                {
                    if (!_used[e])
                    {
                        var c = _rows + _column[e];
                        Reach(c, d + _cost[e] + _potential[node] - _potential[c], e, search);
                    }
                }

                Reach(Sink, d + _unfilledCost + _potential[node] - _potential[Sink], node, search);
            }
            else
            {
                var c = node - _rows;
                for (var slot = _slotStart[c]; slot < _slotStart[c] + _load[c]; slot++)
                {
                    var e = _slots[slot];
                    var r = _rowOf[e];
                    Reach(r, d - _cost[e] + _potential[node] - _potential[r], e, search);
                }
            }
        }

        throw new InvalidOperationException("The unfilled sink is reachable from every row.");
    }

    private void Reach(int node, long distance, int via, int search)
    {
        Debug.Assert(_stamp[node] != search || _settledIn[node] == search || distance >= 0, "reduced costs are non-negative");
        if (_settledIn[node] == search || (_stamp[node] == search && _distance[node] <= distance))
        {
            return;
        }

        _stamp[node] = search;
        _distance[node] = distance;
        _via[node] = via;
        _heap.Push(distance, node);
    }

    /// <summary>Updates potentials of the settled nodes and flips the path ending at <paramref name="target"/>.</summary>
    private void Finish(int source, int target, long shortest)
    {
        foreach (var v in _settled)
        {
            // Nodes settled closer than the target move down by the difference; everyone else implicitly by 0.
            _potential[v] += _distance[v] - shortest;
        }

        int row;
        if (target == Sink)
        {
            // The row at the end of the path gives up a unit: it stays unfilled.
            row = _via[Sink];
        }
        else
        {
            var e = _via[target];
            var c = _column[e];
            _slots[_slotStart[c] + _load[c]++] = e;
            _used[e] = true;
            row = _rowOf[e];
        }

        while (row != source)
        {
            var back = _via[row];
            var c = _column[back];
            var forward = _via[_rows + c];
            var slot = Array.IndexOf(_slots, back, _slotStart[c], _load[c]);
            _slots[slot] = forward;
            _used[back] = false;
            _used[forward] = true;
            row = _rowOf[forward];
        }
    }

    private int Capacity(int c) => _slotStart[c + 1] - _slotStart[c];
}
