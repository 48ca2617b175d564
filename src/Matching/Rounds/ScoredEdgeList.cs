using System.Collections;

namespace PeerBot.Matching.Rounds;

/// <summary>The candidate edges of a round, materialised one at a time: a state-sized graph has millions.</summary>
public sealed class ScoredEdgeList : IReadOnlyList<ScoredEdge>
{
    private readonly IReadOnlyList<string> _ids;
    private readonly int[] _a;
    private readonly int[] _b;
    private readonly int[] _points;

    internal ScoredEdgeList(IReadOnlyList<string> ids, int[] a, int[] b, int[] points)
    {
        _ids = ids;
        _a = a;
        _b = b;
        _points = points;
    }

    public int Count => _a.Length;

    public ScoredEdge this[int index] => new(_ids[_a[index]], _ids[_b[index]], _points[index] / 100.0);

    public IEnumerator<ScoredEdge> GetEnumerator()
    {
        for (var i = 0; i < _a.Length; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
