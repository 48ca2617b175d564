using PeerBot.Matching.Candidates;

namespace PeerBot.Matching.Pods;

/// <summary>
/// Local improvement after pair-then-merge: swaps two people between pods, or moves one to a pod it fits better
/// when that brings sizes closer to the _target, whenever the total in-pod compatibility rises and no recent or
/// blocked pair ends up together. Only candidate neighbours are tried, so a pass is linear in the _graph.
/// A person is looked at again only when their pod or a neighbour's pod changed since they were last looked at
/// (nothing else can make a move worth it), and each person's points with their own pod are kept, not recomputed.
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

    public PodImprover(PodLayout layout, PeerGraph graph, int minimum, int maximum, int target)
    {
        (_layout, _graph, _minimum, _maximum, _target) = (layout, graph, minimum, maximum, target);
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
                    _lookedAt[x] = _moves;
                    TryImprove(x);
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

    private bool TryImprove(int x)
    {
        var a = _layout.PodOf[x];
        var stay = _stay[x];
        var look = ++_look;
        for (var i = _graph.Start[x]; i < _graph.Start[x + 1]; i++)
        {
            var y = _graph.Neighbour[i];
            var b = _layout.PodOf[y];
            if (b < 0 || b == a)
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

            if (!_layout.Fits(x, b, except: y) || !_layout.Fits(y, a, except: x))
            {
                continue;
            }

            // x's points with b without y: with the whole of b (x is not in it), less x–y.
            var gain = WithPod(x, b, look) - _layout.Points(x, y) + _layout.PointsWith(y, a, except: x) - stay - _stay[y];
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
