using PeerBot.Matching.Candidates;

namespace PeerBot.Matching.Pods;

/// <summary>
/// Local improvement after pair-then-merge: swaps two people between pods, or moves one to a pod it fits better
/// when that brings sizes closer to the _target, whenever the total in-pod compatibility rises and no recent or
/// blocked pair ends up together. Only candidate neighbours are tried, so a pass is linear in the _graph.
/// A person is looked at again only when their pod or a neighbour's pod changed since they were last looked at
/// (nothing else can make a move worth it), and then, if their own pod is unchanged, only with neighbours whose pod
/// changed; each person's points with their own pod are kept, not recomputed.
/// </summary>
internal sealed class PodImprover
{
    public const int MaxPasses = 6;

    private readonly PodLayout _layout;
    private readonly PeerGraph _graph;
    private readonly int _minimum;
    private readonly int _maximum;
    private readonly int _target;

    /// <summary>Each person's points with the rest of their pod.</summary>
    private readonly int[] _stay;

    /// <summary>The move count when each pod last changed, and when each person was last looked at.</summary>
    private readonly int[] _podChanged;
    private readonly int[] _lookedAt;
    private int _moves;

    /// <summary>
    /// The person being looked at's points with a whole neighbouring pod, worked out once per look (several neighbours
    /// often share a pod); <see cref="_withLook"/> says for which look each pod's figure holds.
    /// </summary>
    private readonly int[] _withPod;
    private readonly int[] _withLook;
    private int _look;

    /// <summary>The most points any pair can have: bounds what the members of a pod not yet added can bring.</summary>
    private readonly int _best;

    public PodImprover(PodLayout layout, PeerGraph graph, int minimum, int maximum, int target)
    {
        (_layout, _graph, _minimum, _maximum, _target) = (layout, graph, minimum, maximum, target);
        _best = layout.MostPoints;
        var people = _layout.PodOf.Length;
        _stay = new int[people];
        _lookedAt = new int[people];
        Array.Fill(_lookedAt, -1);
        _podChanged = new int[_layout.Pods.Count];
        _withPod = new int[_layout.Pods.Count];
        _withLook = new int[_layout.Pods.Count];
        for (var x = 0; x < people; x++)
        {
            if (_layout.PodOf[x] >= 0)
            {
                _stay[x] = _layout.PointsWith(x, _layout.PodOf[x]);
            }
        }
    }

    /// <summary>Improves until a pass finds nothing or <see cref="MaxPasses"/> passes ran; returns the moves made.</summary>
    public int Run(int[] order)
    {
        for (var pass = 0; pass < MaxPasses; pass++)
        {
            var before = _moves;
            foreach (var x in order)
            {
                if (_layout.PodOf[x] >= 0 && Changed(x))
                {
                    // When x's own pod is as it was at x's last look, only neighbours whose pod changed since can
                    // offer something new: every other swap or move was found not to pay then, and still does not.
                    var since = _podChanged[_layout.PodOf[x]] > _lookedAt[x] ? -1 : _lookedAt[x];
                    _lookedAt[x] = _moves;
                    TryImprove(x, since);
                }
            }

            if (_moves == before)
            {
                break;
            }
        }

        return _moves;
    }

    /// <summary>True when <paramref name="x"/>'s pod or a neighbour's pod changed since x was last looked at.</summary>
    private bool Changed(int x)
    {
        var seen = _lookedAt[x];
        if (_podChanged[_layout.PodOf[x]] > seen)
        {
            return true;
        }

        for (var i = _graph.Start[x]; i < _graph.Start[x + 1]; i++)
        {
            var pod = _layout.PodOf[_graph.Neighbour[i]];
            if (pod >= 0 && _podChanged[pod] > seen)
            {
                return true;
            }
        }

        return false;
    }

    private void Moved(int a, int b)
    {
        _moves++;
        foreach (var pod in (ReadOnlySpan<int>)[a, b])
        {
            _podChanged[pod] = _moves;
            foreach (var m in _layout.Pods[pod])
            {
                _stay[m] = _layout.PointsWith(m, pod);
            }
        }
    }

    /// <summary>Makes x's first paying move or swap with a neighbour whose pod changed after move <paramref name="since"/>.</summary>
    private bool TryImprove(int x, int since)
    {
        var a = _layout.PodOf[x];
        var stay = _stay[x];
        var look = ++_look;
        for (var i = _graph.Start[x]; i < _graph.Start[x + 1]; i++)
        {
            var y = _graph.Neighbour[i];
            var b = _layout.PodOf[y];
            if (b < 0 || b == a || _podChanged[b] <= since)
            {
                continue;
            }

            int sizeA = _layout.Pods[a].Count, sizeB = _layout.Pods[b].Count;
            if (sizeA - 1 >= _minimum && sizeB + 1 <= _maximum
                && Math.Abs(sizeA - 1 - _target) + Math.Abs(sizeB + 1 - _target) < Math.Abs(sizeA - _target) + Math.Abs(sizeB - _target)
                && _layout.Fits(x, b)
                && WithPod(x, b, look) > stay)
            {
                _layout.Leave(x);
                _layout.Join(x, b);
                Moved(a, b);
                return true;
            }

            // A swap is the same seen from either side. If y was looked at after a and b last changed, y's look
            // already weighed swapping with x (x was its neighbour, in a) and it did not pay: nothing it depends on moved.
            var seen = _lookedAt[y];
            if ((seen >= 0 && _podChanged[a] <= seen && _podChanged[b] <= seen)
                || !_layout.Fits(x, b, except: y) || !_layout.Fits(y, a, except: x))
            {
                continue;
            }

            // x's points with b without y: with the whole of b (x is not in it), less x–y (the edge's own points).
            // y's points with a without x are added one member at a time, and this swap is given up as soon as even
            // the best possible points with the members left could not make it pay (the same answer, cheaper).
            var gain = WithPod(x, b, look) - _graph.NeighbourPoints[i] - stay - _stay[y];
            var members = _layout.Pods[a];
            var left = members.Count - 1;
            if (gain + (left * _best) <= 0)
            {
                continue;
            }

            foreach (var m in members)
            {
                if (m == x)
                {
                    continue;
                }

                gain += _layout.Points(y, m);
                left--;
                if (gain + (left * _best) <= 0)
                {
                    break;
                }
            }

            if (gain > 0)
            {
                _layout.Leave(x);
                _layout.Leave(y);
                _layout.Join(x, b);
                _layout.Join(y, a);
                Moved(a, b);
                return true;
            }
        }

        return false;
    }

    private int WithPod(int x, int pod, int look)
    {
        if (_withLook[pod] != look)
        {
            _withLook[pod] = look;
            _withPod[pod] = _layout.PointsWith(x, pod);
        }

        return _withPod[pod];
    }
}
