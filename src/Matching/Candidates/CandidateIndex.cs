using System.Numerics;
using System.Runtime.CompilerServices;
using PeerBot.Matching.Scoring;

namespace PeerBot.Matching.Candidates;

/// <summary>
/// Postings of the people on one side of a round, by what they teach: (subject, grade, focus), (subject, grade),
/// subject, and grade. A search walks from the closest buckets outwards, so the first profiles it scores are the
/// ones most likely to be a person's best, and it never has to score the whole state. The index keeps its own copy
/// of its people's features, sorted by first subject, grade band and focus area, so that the people of one bucket
/// sit together in memory: a state-sized search reads them in order instead of jumping across the whole pool.
/// </summary>
internal sealed class CandidateIndex
{
    public const int Tiers = 4;

    private readonly Dictionary<long, int[]> _postings;
    private readonly ulong[] _poolSlots;

    /// <param name="pool">The round's compiled pool.</param>
    /// <param name="members">Pool indices of the people this index finds, in the order callers number them.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public CandidateIndex(PoolFeatures pool, int[] members)
    {
        Members = members;
        var n = members.Length;
        var sortKeys = new long[n];
        var slotAt = new int[n];
        for (var local = 0; local < n; local++)
        {
            var person = members[local];
            // The local position in the low bits keeps the order total, so it is the same on every run.
            sortKeys[local] = (First(pool.SubjectIds[person], 12) << 51) | (First(pool.GradeIds[person], 10) << 41)
                | (First(pool.FocusIds[person], 10) << 31) | (long)local;
            slotAt[local] = local;
        }

        Array.Sort(sortKeys, slotAt);
        LocalAt = slotAt;
        Person = new int[n];
        Rows = new FeatureRow[n];
        // Someone free on more words of the week than a row holds needs the slot table. When many are (dense availability)
        // the index keeps its own copy in storage order, read near the rows and asked for ahead; otherwise those few
        // reads go to the pool's table through the row's pool index, and the index allocates no copy.
        var manyWords = 0;
        foreach (var person in members)
        {
            manyWords += BitOperations.PopCount((uint)pool.SlotMask[person]) > FeatureRow.InlineWords ? 1 : 0;
        }

        ManyFreeWords = manyWords * 8 >= n && n > 0;
        Slots = ManyFreeWords || pool.Count > FeatureRow.MaxPerson + 1 ? new ulong[n * PoolFeatures.SlotWords] : null;
        _poolSlots = pool.Slots;
        // Each person's buckets, numbered in order of first appearance; then every posting is allocated at its exact
        // size and filled in storage order (ascending), without growing lists.
        var bucketOf = new Dictionary<long, int>();
        var bucketKeys = new List<long>();
        var sizes = new List<int>();
        var pairBucket = new int[Math.Max(16, n * 6)];
        var pairStart = new int[n + 1];
        var pairs = 0;
        var keys = new List<long>();
        for (var at = 0; at < n; at++)
        {
            var person = members[slotAt[at]];
            Person[at] = person;
            Rows[at] = pool.Rows[person];
            if (Slots is not null)
            {
                pool.SlotsOf(person).CopyTo(Slots.AsSpan(at * PoolFeatures.SlotWords));
            }

            keys.Clear();
            for (var tier = 0; tier < Tiers; tier++)
            {
                AddKeys(pool, person, tier, keys);
            }

            if (pairs + keys.Count > pairBucket.Length)
            {
                Array.Resize(ref pairBucket, Math.Max(pairBucket.Length * 2, pairs + keys.Count));
            }

            foreach (var key in keys)
            {
                if (!bucketOf.TryGetValue(key, out var bucket))
                {
                    bucket = bucketKeys.Count;
                    bucketOf[key] = bucket;
                    bucketKeys.Add(key);
                    sizes.Add(0);
                }

                sizes[bucket]++;
                pairBucket[pairs++] = bucket;
            }

            pairStart[at + 1] = pairs;
        }

        var postings = new int[bucketKeys.Count][];
        for (var b = 0; b < postings.Length; b++)
        {
            postings[b] = new int[sizes[b]];
            sizes[b] = 0;
        }

        for (var at = 0; at < n; at++)
        {
            for (var pair = pairStart[at]; pair < pairStart[at + 1]; pair++)
            {
                var b = pairBucket[pair];
                postings[b][sizes[b]++] = at;
            }
        }

        _postings = new Dictionary<long, int[]>(bucketKeys.Count);
        for (var b = 0; b < postings.Length; b++)
        {
            _postings[bucketKeys[b]] = postings[b];
        }

        var offsets = new SortedSet<int>();
        foreach (var row in Rows)
        {
            Years |= 1UL << Math.Min((int)row.Years, 63);
            offsets.Add(row.OffsetMinutes);
            AnySlots |= row.SlotMask != 0;
        }

        Offsets = [.. offsets];
    }

    /// <summary>
    /// True when at least one indexed person in eight is free on more words of the week than a row holds (dense
    /// availability): overlaps with them read the slot table, so a search asks for those lines ahead too.
    /// </summary>
    public bool ManyFreeWords { get; }

    /// <summary>Which years of experience the indexed people have: bit y set when someone has y years.</summary>
    public ulong Years { get; }

    /// <summary>The indexed people's distinct UTC offsets, in minutes.</summary>
    public int[] Offsets { get; }

    /// <summary>True when someone indexed gave free times.</summary>
    public bool AnySlots { get; }

    /// <summary>Pool indices of the indexed people, in the callers' numbering ("local" positions).</summary>
    public int[] Members { get; }

    /// <summary>Number of indexed people.</summary>
    public int Count => Members.Length;

    /// <summary>For each storage position, the caller's local position.</summary>
    public int[] LocalAt { get; }

    /// <summary>For each storage position, the pool index.</summary>
    public int[] Person { get; }

    /// <summary>Features by storage position.</summary>
    public FeatureRow[] Rows { get; }

    /// <summary>
    /// Free-time bits by storage position, <see cref="PoolFeatures.SlotWords"/> words each, when the index keeps its own
    /// copy (<see cref="ManyFreeWords"/>, or a pool too big for a row to hold its pool index); otherwise null.
    /// </summary>
    public ulong[]? Slots { get; }

    /// <summary>The free-time words of the person at storage position <paramref name="at"/>, whose row is <paramref name="row"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<ulong> SlotsAt(int at, in FeatureRow row) => Slots is null
        ? _poolSlots.AsSpan(row.Person * PoolFeatures.SlotWords, PoolFeatures.SlotWords)
        : Slots.AsSpan(at * PoolFeatures.SlotWords, PoolFeatures.SlotWords);

    /// <summary>Storage positions of the people in a bucket, ascending.</summary>
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

    private static long First(int[] ids, int bits) => ids.Length == 0 ? 0 : Math.Min(ids[0] + 1L, (1L << bits) - 1);

    private static long Key(long tier, long subject, long grade, long focus) => (tier << 60) | (subject << 40) | (grade << 20) | focus;
}
