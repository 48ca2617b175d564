using PeerBot.Matching.Rounds;
using PeerBot.Matching.Scoring;

namespace PeerBot.Matching.Pods;

/// <summary>The pods being built: who is in which pod, and the scores and rules the moves between them need.</summary>
internal sealed class PodLayout
{
    private readonly RoundPool _pool;
    private readonly CompatibilityScorer _scorer;

    public PodLayout(RoundPool pool, CompatibilityScorer scorer)
    {
        _pool = pool;
        _scorer = scorer;
        PodOf = new int[pool.Count];
        Array.Fill(PodOf, -1);
    }

    /// <summary>Pods by id; a merged-away pod is left empty.</summary>
    public List<List<int>> Pods { get; } = [];

    public int[] PodOf { get; }

    public int Points(int a, int b) => _scorer.Points(a, b);

    /// <summary>No pair scores more than this (centipoints).</summary>
    public int MostPoints => _scorer.MostPoints(subject: true, grade: true, focus: true);

    public bool Allows(int a, int b) => _pool.Forbidden.Allows(a, b);

    public int Add(IEnumerable<int> members)
    {
        var id = Pods.Count;
        Pods.Add([]);
        foreach (var m in members)
        {
            Join(m, id);
        }

        return id;
    }

    public void Join(int person, int pod)
    {
        Pods[pod].Add(person);
        PodOf[person] = pod;
    }

    public void Leave(int person)
    {
        Pods[PodOf[person]].Remove(person);
        PodOf[person] = -1;
    }

    /// <summary>Points between <paramref name="person"/> and everyone in <paramref name="pod"/> except <paramref name="except"/>.</summary>
    public int PointsWith(int person, int pod, int except = -1)
    {
        var sum = 0;
        foreach (var m in Pods[pod])
        {
            if (m != person && m != except)
            {
                sum += _scorer.Points(person, m);
            }
        }

        return sum;
    }

    /// <summary>True when <paramref name="person"/> may share <paramref name="pod"/> with everyone in it except <paramref name="except"/>.</summary>
    public bool Fits(int person, int pod, int except = -1)
    {
        if (_pool.Forbidden.Count == 0)
        {
            // No history and no blocks: only a person and themselves are kept apart, and they are skipped below.
            return true;
        }

        foreach (var m in Pods[pod])
        {
            if (m != person && m != except && !_pool.Forbidden.Allows(person, m))
            {
                return false;
            }
        }

        return true;
    }

    public bool AllAllowed(IReadOnlyList<int> members)
    {
        for (var i = 0; i < members.Count; i++)
        {
            for (var j = i + 1; j < members.Count; j++)
            {
                if (!_pool.Forbidden.Allows(members[i], members[j]))
                {
                    return false;
                }
            }
        }

        return true;
    }

    public int InPodPoints(IReadOnlyList<int> members)
    {
        var sum = 0;
        for (var i = 0; i < members.Count; i++)
        {
            for (var j = i + 1; j < members.Count; j++)
            {
                sum += _scorer.Points(members[i], members[j]);
            }
        }

        return sum;
    }
}
