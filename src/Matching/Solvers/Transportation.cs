using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace PeerBot.Matching.Solvers;

/// <summary>
/// Exact capacitated assignment by successive shortest paths with node potentials: rows hand out units of supply to
/// columns with room, each unit along a path of least reduced cost (Dijkstra, stopped at the nearest column with
/// room), and the potentials of the nodes the search settled move so that reduced costs stay non-negative. A row unit
/// may also end in a shared "unfilled" sink at a cost above any total of real costs, which makes the result
/// maximum-cardinality first and minimum-cost second, and lets a later unit displace an earlier, worse one.
/// Rows go in order, in batches whose size follows what the solve observes: one search per unit while those stay
/// small, shared phases for a batch of rows once one-by-one searches cost more per unit than the batch's phases do
/// (see <see cref="PlaceInBatches"/>). Once the region around the remaining rows is crowded, the rest go in phases (the primal-dual method): one Dijkstra from every row that still has supply, then every unit
/// that a zero-reduced-cost path can place, in Hopcroft–Karp-style layered rounds, so a crowded region is searched
/// once per phase instead of once per unit. Each row's costs are first lowered by its cheapest edge (every unit is
/// sent somewhere, so this shifts the total by a constant), so every row starts with a zero-cost edge.
/// </summary>
internal sealed partial class Transportation
{
    /// <summary>
    /// Nodes one unit's search may settle before the rest of the units are placed in shared phases. A search takes the
    /// first column with room it reaches at the least distance (never searching a plateau of equal costs), so
    /// one-by-one searches stay small on every shape; phases pay only for the last few units of a round whose searches
    /// span most of the graph (mentors-50% at 130k: 1.9 s of CPU with 16,384 against 3.9 s one by one throughout), and
    /// cost more than they save when many units are still left (sparse-availability at 130k: 1.5 s with 16,384,
    /// 7.4 s with 4,096, which switched with 48,000 units to go).
    /// </summary>
    public const int CrowdedSearch = 16384;

    /// <summary>Units a batch size is tried on before the solve compares what it cost per unit with the size before.</summary>
    public const int Window = 512;

    /// <summary>The most rows a batch takes: 2^10.</summary>
    private const int MostLevels = 10;

    /// <summary>Windows the solve stays with a batch size after a failed try of another, unless its cost per unit grew by half.</summary>
    private const int MostWait = 16;

    private readonly int _rows;
    private readonly int _columns;
    private readonly int[] _start;
    private readonly int[] _column;
    private readonly long[] _cost;

    /// <summary>Edges are kept cheapest first within each row; the caller's index of each.</summary>
    private readonly int[] _given;
    private readonly long[] _unfilledCost;
    private readonly int[] _rowOf;
    private readonly int[] _slotStart;
    private readonly Slot[] _slots;
    private readonly int[] _load;
    private readonly bool[] _used;
    private readonly long[] _potential;
    private readonly long[] _distance;
    private readonly int[] _stamp;
    private readonly int[] _via;
    private readonly int[] _settledIn;

    // The phases' arrays, made at the first phase (most rounds place every unit one by one and never need them).
    private int[] _layerIn = [];
    private int[] _level = [];
    private int[] _deadIn = [];
    private int[] _cursorIn = [];
    private int[] _cursor = [];
    private int[] _listStart = [];
    private int[] _listEnd = [];
    private int[] _sinkIn = [];
    private int[] _admissible = [];
    private int[] _zeroPhase = [];
    private int[] _zeroStart = [];
    private int[] _zeroEnd = [];
    private int[] _zeroEdges = [];
    private int[] _queue = [];
    private readonly List<int> _settled = [];
    private readonly List<int> _single = [0];
    private readonly List<int> _pathNodes = [];
    private readonly List<int> _pathEdges = [];
    private readonly RadixHeap _heap = new();
    private int _phase;

    /// <summary>The shortest distance yet to a column with room (or the sink) in the current search.</summary>
    private long _bound;
    private int _zeroPhaseFilled;
    private int _zeroCount;
    private int _layer;

    /// <summary>Nodes and edges the searches and layerings have read: what the solve watches to size its batches.</summary>
    private long _work;

    /// <param name="start">CSR of the edges by row: row r's edges are start[r]..start[r+1].</param>
    /// <param name="column">Each edge's column.</param>
    /// <param name="cost">Each edge's non-negative cost.</param>
    /// <param name="capacity">How many units each column takes.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public Transportation(int[] start, int[] column, long[] cost, int[] capacity)
    {
        _rows = start.Length - 1;
        _columns = capacity.Length;
        _start = start;
        _column = new int[column.Length];
        _given = new int[column.Length];
        _rowOf = new int[column.Length];
        _slotStart = new int[_columns + 1];
        for (var c = 0; c < _columns; c++)
        {
            _slotStart[c + 1] = _slotStart[c] + Math.Max(0, capacity[c]);
        }

        _slots = new Slot[_slotStart[^1]];
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
        var unfilled = ((long)Math.Min(_rows, _slots.Length) + 1) * (maxCost + 1);
        _cost = new long[cost.Length];
        _unfilledCost = new long[_rows];
        // Sort keys: cost above, place in the row below (costs of points always fit; huge ones sort by a comparison).
        var maxDegree = 0;
        for (var r = 0; r < _rows; r++)
        {
            maxDegree = Math.Max(maxDegree, start[r + 1] - start[r]);
        }

        var order = maxCost <= int.MaxValue ? new long[maxDegree] : null;
        var cheapestFirst = order is null ? Comparer<int>.Create((x, y) => cost[x] != cost[y] ? cost[x].CompareTo(cost[y]) : x.CompareTo(y)) : null;
        for (var r = 0; r < _rows; r++)
        {
            var cheapest = maxCost;
            for (var e = start[r]; e < start[r + 1]; e++)
            {
                _rowOf[e] = r;
                cheapest = Math.Min(cheapest, cost[e]);
                _given[e] = e;
                if (order is not null)
                {
                    order[e - start[r]] = (cost[e] << 32) | (uint)(e - start[r]);
                }
            }

            // Cheapest first (the caller's order among equal costs): a search stops reading a row at the first edge that
            // cannot beat the nearest column with room already reached.
            if (order is not null)
            {
                // Keys are distinct within a row (the place is in them), so sorting the keys alone gives the order.
                Array.Sort(order, 0, start[r + 1] - start[r]);
                for (var e = start[r]; e < start[r + 1]; e++)
                {
                    _given[e] = start[r] + (int)(uint)order[e - start[r]];
                }
            }
            else
            {
                Array.Sort(_given, start[r], start[r + 1] - start[r], cheapestFirst);
            }
            for (var e = start[r]; e < start[r + 1]; e++)
            {
                _column[e] = column[_given[e]];
                _cost[e] = cost[_given[e]] - cheapest;
            }

            _unfilledCost[r] = unfilled - cheapest;
        }
    }

    /// <summary>Nodes settled by every search so far: how much searching the placing took.</summary>
    public long Settled { get; private set; }

    /// <summary>Nodes and edges read by every search and layering so far (what the batch sizes follow).</summary>
    public long Work => _work;

    private int Sink => _rows + _columns;

    /// <summary>
    /// Hands out every row's supply (ties between equal optima follow <paramref name="order"/>); returns which edges
    /// carry a unit. Rows go in batches sized by what their units cost (see <see cref="PlaceInBatches"/>; a window of
    /// <paramref name="window"/> units between two looks at the cost); from the first search that settles more than
    /// <paramref name="crowdedSearch"/> nodes, the rest go in shared phases, where one search per unit would walk the
    /// same crowded region again for every unit.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool[] Solve(int[] supply, int[] order, int crowdedSearch = CrowdedSearch, int window = Window)
    {
        // Rows with the fewest candidates go first, while their few options are still free. The seed orders rows of equal degree.
        var remaining = (int[])supply.Clone();
        var sources = order.Where(r => remaining[r] > 0).OrderBy(r => _start[r + 1] - _start[r]).ToList();
        PlaceInBatches(sources, remaining, crowdedSearch, window);
        sources.RemoveAll(r => remaining[r] == 0);
        if (sources.Count > 0 && _queue.Length == 0)
        {
            PrepareLayers();
        }

        while (sources.Count > 0)
        {
            SendAlongShortestPath(sources, remaining);

            // Then every other unit that a path of zero reduced cost can place, in layered rounds.
            while (Layer(sources, remaining, ++_layer))
            {
                foreach (var r in sources)
                {
                    while (remaining[r] > 0 && SendAlongLayers(r, _layer, remaining))
                    {
                    }
                }
            }

            sources.RemoveAll(r => remaining[r] == 0);
        }

        var used = new bool[_used.Length];
        for (var e = 0; e < _used.Length; e++)
        {
            used[_given[e]] = _used[e];
        }

        return used;
    }

    /// <summary>
    /// Places the rows' units in order, in batches of consecutive rows: a batch of one is one search per unit; a larger
    /// batch goes in shared phases (one search from all its rows, then every unit a zero-cost path places). The batch
    /// size follows what the units cost: after each window of units the solve compares the work per unit (nodes and
    /// edges read) with that of the size it came from, keeps moving the same way while the cost falls, and goes back when
    /// it rises, trying again once the cost per unit at its size has grown by half since (or after
    /// <see cref="MostWait"/> windows). Every step is counted, not timed, so the schedule is the same on every run. Stops at the first search that settles more than
    /// <paramref name="crowdedSearch"/> nodes (the rest then go in phases from every row at once).
    /// </summary>
    private void PlaceInBatches(List<int> sources, int[] remaining, int crowdedSearch, int window)
    {
        var batch = new List<int>();
        var level = 0;
        var baseLevel = 0;
        var baseCost = double.MaxValue;
        var direction = 1;
        var waited = 0;
        var failedAt = 0.0;
        var next = 0;
        while (next < sources.Count)
        {
            var size = 1 << level;
            var work = _work;
            var units = 0;
            for (var batches = 0; next < sources.Count && (units < window || batches < 4); batches++)
            {
                batch.Clear();
                for (var end = Math.Min(sources.Count, next + size); next < end; next++)
                {
                    batch.Add(sources[next]);
                    units += remaining[sources[next]];
                }

                if (size == 1 ? !PlaceOneByOne(batch[0], remaining, crowdedSearch) : !PlaceInPhases(batch, remaining, crowdedSearch))
                {
                    return;
                }
            }

            var cost = (double)(_work - work) / Math.Max(1, units);
            if (level == baseLevel)
            {
                baseCost = cost;
                waited++;
                if (2 * cost < 3 * failedAt && waited <= MostWait)
                {
                    continue;
                }

                if (level + direction < 0 || level + direction > MostLevels)
                {
                    direction = -direction;
                }

                level += direction;
            }
            else if (cost < baseCost)
            {
                // Cheaper per unit: this size is the new base, and the next window tries one more step the same way.
                baseLevel = level;
                baseCost = cost;
                failedAt = 0;
                if (level + direction >= 0 && level + direction <= MostLevels)
                {
                    level += direction;
                }
            }
            else
            {
                // Dearer: back to the base size until its cost per unit has grown by half (or a long wait), then try the other way.
                level = baseLevel;
                failedAt = baseCost;
                waited = 0;
                direction = -direction;
            }
        }
    }

    /// <summary>Places the row's units one search each; false at the first search that settled more than <paramref name="crowdedSearch"/> nodes.</summary>
    private bool PlaceOneByOne(int row, int[] remaining, int crowdedSearch)
    {
        _single[0] = row;
        while (remaining[row] > 0)
        {
            SendAlongShortestPath(_single, remaining);
            if (_settled.Count > crowdedSearch)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Places every unit of the batch's rows in phases; false at the first search that settled more than <paramref name="crowdedSearch"/> nodes.</summary>
    private bool PlaceInPhases(List<int> batch, int[] remaining, int crowdedSearch)
    {
        if (_queue.Length == 0)
        {
            PrepareLayers();
        }

        while (batch.Count > 0)
        {
            SendAlongShortestPath(batch, remaining);
            if (_settled.Count > crowdedSearch)
            {
                return false;
            }

            while (Layer(batch, remaining, ++_layer))
            {
                foreach (var r in batch)
                {
                    while (remaining[r] > 0 && SendAlongLayers(r, _layer, remaining))
                    {
                    }
                }
            }

            batch.RemoveAll(r => remaining[r] == 0);
        }

        return true;
    }

    /// <summary>Sends one unit from the nearest of <paramref name="sources"/> along a shortest path, and reprices.</summary>
    private void SendAlongShortestPath(List<int> sources, int[] remaining)
    {
        var (target, shortest) = ShortestPath(sources, ++_phase);
        foreach (var v in _settled)
        {
            // Nodes settled closer than the target move down by the difference; everyone else implicitly by 0.
            _potential[v] += _distance[v] - shortest;
        }

        Flip(target, remaining);
    }

    /// <summary>Dijkstra from all <paramref name="sources"/> at once to the nearest column with room (or the sink).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private (int Target, long Distance) ShortestPath(List<int> sources, int phase)
    {
        _settled.Clear();
        _heap.Clear();
        _bound = long.MaxValue;
        foreach (var r in sources)
        {
            Reach(r, 0, -1, phase);
        }

        while (_heap.TryPop(out var d, out var node))
        {
            if (_settledIn[node] == phase || d != _distance[node])
            {
                continue;
            }

            if (node == Sink || (node >= _rows && HasRoom(node - _rows)))
            {
                return (node, d);
            }

            _settledIn[node] = phase;
            _settled.Add(node);
            Settled++;
            if (node < _rows)
            {
                // A column's potential never rises above zero, so d + cost + the row's potential is the least an edge can
                // give: past the nearest column with room, the rest of the row (cheapest first) cannot come closer.
                var from = d + _potential[node];
                var e = _start[node];
                for (; e < _start[node + 1]; e++)
                {
                    if (from + _cost[e] >= _bound)
                    {
                        break;
                    }

                    if (!_used[e])
                    {
                        var c = _rows + _column[e];
                        Reach(c, from + _cost[e] - _potential[c], e, phase);
                    }
                }

                _work += 1 + e - _start[node];

                Reach(Sink, d + _unfilledCost[node] + _potential[node] - _potential[Sink], node, phase);
            }
            else
            {
                var c = node - _rows;
                _work += 1 + _load[c];
                for (var slot = _slotStart[c]; slot < _slotStart[c] + _load[c]; slot++)
                {
                    ref var s = ref _slots[slot];
                    Reach(s.Row, d - s.Cost + _potential[node] - _potential[s.Row], s.Edge, phase);
                }
            }
        }

        throw new InvalidOperationException("The unfilled sink is reachable from every row.");
    }

    private void Reach(int node, long distance, int via, int phase)
    {
        Debug.Assert(_stamp[node] != phase || _settledIn[node] == phase || distance >= 0, "reduced costs are non-negative");
        // Nothing as far as a column with room already reached is kept: it could only give a path of the same length,
        // an equally good tie, and on a plateau of equal costs settling all of them would search the plateau for
        // every unit (one of many identical profiles searched thousands of nodes; now the first path found is taken).
        if (distance >= _bound || _settledIn[node] == phase || (_stamp[node] == phase && _distance[node] <= distance))
        {
            return;
        }

        if (node == Sink || (node >= _rows && HasRoom(node - _rows)))
        {
            _bound = distance;
        }

        _stamp[node] = phase;
        _distance[node] = distance;
        _via[node] = via;
        _heap.Push(distance, node);
    }

    /// <summary>Flips the shortest path that the last search found to <paramref name="target"/>.</summary>
    private void Flip(int target, int[] remaining)
    {
        int row;
        if (target == Sink)
        {
            // The row at the end of the path gives up a unit: it stays unfilled.
            row = _via[Sink];
        }
        else
        {
            var e = _via[target];
            Take(e);
            row = _rowOf[e];
        }

        while (_via[row] >= 0)
        {
            var back = _via[row];
            var forward = _via[_rows + _column[back]];
            HandOver(back, forward);
            row = _rowOf[forward];
        }

        remaining[row]--;
    }

    private void Take(int e)
    {
        var c = _column[e];
        _slots[_slotStart[c] + _load[c]++] = new Slot(e, _rowOf[e], _cost[e]);
        _used[e] = true;
    }

    /// <summary>The column of <paramref name="back"/> takes <paramref name="forward"/>'s unit in its place.</summary>
    private void HandOver(int back, int forward)
    {
        var c = _column[back];
        var slot = _slotStart[c];
        while (_slots[slot].Edge != back)
        {
            slot++;
        }

        _slots[slot] = new Slot(forward, _rowOf[forward], _cost[forward]);
        _used[back] = false;
        _used[forward] = true;
    }

    private bool HasRoom(int c) => _load[c] < _slotStart[c + 1] - _slotStart[c];

    /// <summary>A unit a column holds: its edge, with the edge's row and cost beside it so a search need not look them up.</summary>
    private readonly record struct Slot(int Edge, int Row, long Cost);
}
