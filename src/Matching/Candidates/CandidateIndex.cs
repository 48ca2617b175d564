using PeerBot.Matching.Scoring;

namespace PeerBot.Matching.Candidates;

/// <summary>
/// Postings of the people on one side of a round, by what they teach: (subject, grade, focus), (subject, grade),
/// subject, and grade. A search walks from the closest buckets outwards, so the first profiles it scores are the
/// ones most likely to be a person's best, and it never has to score the whole state.
/// </summary>
internal sealed class CandidateIndex
{
    public const int Tiers = 4;

    private readonly Dictionary<long, int[]> _postings;

    /// <param name="pool">The round's compiled pool.</param>
    /// <param name="members">Pool indices of the people this index finds; postings hold positions in this array.</param>
    public CandidateIndex(PoolFeatures pool, int[] members)
    {
        Members = members;
        var lists = new Dictionary<long, List<int>>();
        var keys = new List<long>();
        for (var local = 0; local < members.Length; local++)
        {
            keys.Clear();
            for (var tier = 0; tier < Tiers; tier++)
            {
                AddKeys(pool, members[local], tier, keys);
            }

            foreach (var key in keys)
            {
                if (!lists.TryGetValue(key, out var list))
                {
                    lists[key] = list = [];
                }

                list.Add(local);
            }
        }

        _postings = lists.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray());
    }

    /// <summary>Pool indices of the indexed people.</summary>
    public int[] Members { get; }

    public bool TryGetPosting(long key, out int[] posting) => _postings.TryGetValue(key, out posting!);

    /// <summary>The keys of <paramref name="person"/>'s buckets in one tier (0 = closest).</summary>
    public static void AddKeys(PoolFeatures pool, int person, int tier, List<long> keys)
    {
        var subjects = pool.SubjectIds[person];
        var grades = pool.GradeIds[person];
        var focus = pool.FocusIds[person];
        switch (tier)
        {
            case 0:
                foreach (var s in subjects)
                {
                    foreach (var g in grades)
                    {
                        foreach (var f in focus)
                        {
                            keys.Add(Key(1, s, g, f));
                        }
                    }
                }

                break;
            case 1:
                foreach (var s in subjects)
                {
                    foreach (var g in grades)
                    {
                        keys.Add(Key(2, s, g, 0));
                    }
                }

                break;
            case 2:
                foreach (var s in subjects)
                {
                    keys.Add(Key(3, s, 0, 0));
                }

                break;
            default:
                foreach (var g in grades)
                {
                    keys.Add(Key(4, 0, g, 0));
                }

                break;
        }
    }

    private static long Key(long tier, long subject, long grade, long focus) => (tier << 60) | (subject << 40) | (grade << 20) | focus;
}
