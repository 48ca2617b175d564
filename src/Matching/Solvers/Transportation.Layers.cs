using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace PeerBot.Matching.Solvers;

/// <summary>The phases' second half: every unit that a path of zero reduced cost can place, in layered rounds.</summary>
internal sealed partial class Transportation
{
    private void PrepareLayers()
    {
        var nodes = _rows + _columns + 1;
        _layerIn = new int[nodes];
        _level = new int[nodes];
        _deadIn = new int[nodes];
        _cursorIn = new int[nodes];
        _cursor = new int[nodes];
        _listStart = new int[nodes];
        _listEnd = new int[nodes];
        _sinkIn = new int[nodes];

        // Each expanded row lists each of its edges at most once, and each column each of its slots.
        _admissible = new int[_column.Length + _slots.Length];
        _zeroPhase = new int[_rows];
        _zeroStart = new int[_rows];
        _zeroEnd = new int[_rows];
        _zeroEdges = new int[_column.Length];
        _queue = new int[nodes];
    }

    /// <summary>
    /// Labels nodes by how many zero-reduced-cost steps they are from the nearest row with supply, up to the first
    /// step count at which a column with room (or the sink) is reached, and lists each expanded node's edges that go
    /// one layer further (or end the path), so the searches that follow never look at any other edge. False when no
    /// such path is left.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool Layer(List<int> sources, int[] remaining, int layer)
    {
        var queue = _queue;
        var admissible = _admissible;
        int head = 0, tail = 0, listed = 0;
        foreach (var r in sources)
        {
            if (remaining[r] > 0)
            {
                _layerIn[r] = layer;
                _level[r] = 0;
                queue[tail++] = r;
            }
        }

        var found = int.MaxValue;
        while (head < tail)
        {
            var node = queue[head++];
            var next = _level[node] + 1;
            if (next > found)
            {
                break;
            }

            // The last layer before the first free column only lists its ways out: longer paths are not wanted now.
            var last = next == found;
            _listStart[node] = listed;
            if (node < _rows)
            {
                var (from, to) = ZeroEdges(node);
                _work += 1 + to - from;
                for (var z = from; z < to; z++)
                {
                    var e = _zeroEdges[z];
                    var c = _rows + _column[e];
                    if (_used[e])
                    {
                        continue;
                    }

                    if (HasRoom(c - _rows))
                    {
                        found = next;
                        admissible[listed++] = e;
                    }
                    else if (!last && _layerIn[c] != layer)
                    {
                        _layerIn[c] = layer;
                        _level[c] = next;
                        queue[tail++] = c;
                        admissible[listed++] = e;
                    }
                    else if (!last && _level[c] == next)
                    {
                        admissible[listed++] = e;
                    }
                }

                if (_unfilledCost[node] + _potential[node] - _potential[Sink] == 0)
                {
                    found = next;
                    _sinkIn[node] = layer;
                }
            }
            else if (!last)
            {
                var c = node - _rows;
                _work += 1 + _load[c];
                for (var slot = _slotStart[c]; slot < _slotStart[c] + _load[c]; slot++)
                {
                    var (e, r, cost) = _slots[slot];
                    if (_potential[node] - cost - _potential[r] != 0)
                    {
                        continue;
                    }

                    if (_layerIn[r] != layer)
                    {
                        _layerIn[r] = layer;
                        _level[r] = next;
                        queue[tail++] = r;
                        admissible[listed++] = e;
                    }
                    else if (_level[r] == next)
                    {
                        admissible[listed++] = e;
                    }
                }
            }

            _listEnd[node] = listed;
            _cursorIn[node] = layer;
            _cursor[node] = _listStart[node];
        }

        return found != int.MaxValue;
    }

    /// <summary>
    /// The row's edges of zero reduced cost, used or not, found on its first layering in this phase. Potentials do not
    /// move within a phase and paths only flip zero-cost edges, so the list stays complete until the next Dijkstra;
    /// later layerings then skip the row's other edges.
    /// </summary>
    private (int From, int To) ZeroEdges(int row)
    {
        if (_zeroPhase[row] != _phase)
        {
            if (_zeroPhaseFilled != _phase)
            {
                _zeroPhaseFilled = _phase;
                _zeroCount = 0;
            }

            _zeroPhase[row] = _phase;
            _zeroStart[row] = _zeroCount;

            // A column's potential is never above zero, so past the first edge dearer than the row's potential can make
            // up (the row is cheapest first) no edge has a reduced cost of zero.
            var ceiling = -_potential[row];
            var e = _start[row];
            for (; e < _start[row + 1] && _cost[e] <= ceiling; e++)
            {
                if (_cost[e] + _potential[row] - _potential[_rows + _column[e]] == 0)
                {
                    _zeroEdges[_zeroCount++] = e;
                }
            }

            _zeroEnd[row] = _zeroCount;
            _work += e - _start[row];
        }

        return (_zeroStart[row], _zeroEnd[row]);
    }

    /// <summary>
    /// Sends one unit from <paramref name="source"/> to a column with room (or the sink) along the edges
    /// <see cref="Layer"/> listed, each one layer further, as in Hopcroft–Karp: the layers make the admissible graph
    /// acyclic, so a node found to be a dead end stays one for the rest of this layering. False when the source has no
    /// path left.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool SendAlongLayers(int source, int layer, int[] remaining)
    {
        if (_deadIn[source] == layer || _cursorIn[source] != layer)
        {
            return false;
        }

        _pathNodes.Clear();
        _pathEdges.Clear();
        _pathNodes.Add(source);
        while (_pathNodes.Count > 0)
        {
            var node = _pathNodes[^1];
            var end = _listEnd[node];
            var next = -1;
            for (; _cursor[node] < end; _cursor[node]++)
            {
                // Only the entry a path took is ever flipped, so the listed edges not yet taken are as they were.
                var e = _admissible[_cursor[node]];
                Debug.Assert(_used[e] == (node >= _rows), "a listed edge has not changed hands");
                if (node < _rows)
                {
                    var c = _rows + _column[e];
                    if (HasRoom(c - _rows))
                    {
                        _cursor[node]++;
                        _pathEdges.Add(e);
                        Send(e, remaining);
                        return true;
                    }

                    if (Open(c, layer))
                    {
                        next = c;
                        break;
                    }
                }
                else if (Open(_rowOf[e], layer))
                {
                    next = _rowOf[e];
                    break;
                }
            }

            if (next >= 0)
            {
                _pathEdges.Add(_admissible[_cursor[node]++]);
                _pathNodes.Add(next);
                continue;
            }

            if (node < _rows && _sinkIn[node] == layer)
            {
                Send(-1, remaining);
                return true;
            }

            // A dead end for this layering: step back.
            _deadIn[node] = layer;
            _pathNodes.RemoveAt(_pathNodes.Count - 1);
            if (_pathEdges.Count > 0)
            {
                _pathEdges.RemoveAt(_pathEdges.Count - 1);
            }
        }

        return false;
    }

    /// <summary>True when <paramref name="node"/> was expanded in this layering and is not yet a known dead end.</summary>
    private bool Open(int node, int layer) => _cursorIn[node] == layer && _deadIn[node] != layer;

    /// <summary>
    /// Applies the path in <see cref="_pathEdges"/> (forward, backward, forward, …) ending with
    /// <paramref name="last"/> into a column with room, or in the sink when <paramref name="last"/> is -1.
    /// </summary>
    private void Send(int last, int[] remaining)
    {
        var edges = _pathEdges;
        if (last >= 0)
        {
            Take(last);
        }

        // Walk back: each backward edge hands its column to the forward edge before it.
        var end = last >= 0 ? edges.Count - 1 : edges.Count;
        for (var i = end - 1; i > 0; i -= 2)
        {
            HandOver(edges[i], edges[i - 1]);
        }

        remaining[_pathNodes[0]]--;
    }
}
