using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace PeerBot.Matching.Rules;

/// <summary>
/// The pairs of a pool that the rules forbid (met within the repeat window, or blocked), by pool index, kept as each
/// person's forbidden partners in ascending order: a candidate scan marks a person's partners once instead of looking up
/// every pair it scores, and a check on an arbitrary pair is a binary search in one short list.
/// </summary>
internal sealed class ForbiddenPairs
{
    private readonly HashSet<long> _blocked = [];

    // Everyone's partners side by side: person p's are _partners[_start[p] .. _start[p + 1]), ascending, each once.
    private readonly int[] _start;
    private readonly int[] _partners;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ForbiddenPairs(IReadOnlyDictionary<string, int> indexOf, PairingRules rules, DateOnly today)
    {
        // One key per pair (lower index high, higher index low) from a plain list of pairings and from the blocks; a history
        // table's recent pairs are read straight from its columns, twice (a count, then a scatter), with no key per pair.
        var table = rules.History as PastPairingTable;
        var keys = new List<long>((table is null ? rules.History.Count : 0) + rules.Blocked.Count);
        if (table is null)
        {
            foreach (var past in rules.History)
            {
                if (rules.IsWithinWindow(past.Date, today) && KeyOf(indexOf, past.A, past.B) is { } key)
                {
                    keys.Add(key);
                }
            }
        }

        foreach (var block in rules.Blocked)
        {
            if (KeyOf(indexOf, block.A, block.B) is { } key)
            {
                keys.Add(key);
                _blocked.Add(key);
            }
        }

        // Each person's partners side by side, repeats and all (a count, then a scatter); then each short list is sorted and
        // its repeats dropped, the lists packed to the front: the same lists as sorting every key, without a sort of millions.
        var n = indexOf.Count;
        var start = new int[n + 1];
        var all = CollectionsMarshal.AsSpan(keys);
        foreach (var key in all)
        {
            start[(int)(key >> 32) + 1]++;
            start[(int)(uint)key + 1]++;
        }

        var recent = table is null || table.Count == 0 ? null : new RecentPairs(table, indexOf, rules.LastDayOutsideWindow(today).DayNumber);
        recent?.Count(start.AsSpan(1));
        for (var p = 0; p < n; p++)
        {
            start[p + 1] += start[p];
        }

        var partners = new int[start[n]];
        var next = start[..n];
        foreach (var key in all)
        {
            var (low, high) = ((int)(key >> 32), (int)(uint)key);
            partners[next[low]++] = high;
            partners[next[high]++] = low;
        }

        recent?.Scatter(next, partners);
        var written = 0;
        for (var p = 0; p < n; p++)
        {
            var list = partners.AsSpan(start[p], start[p + 1] - start[p]);
            list.Sort();
            start[p] = written;
            var last = -1;
            foreach (var partner in list)
            {
                // Never ahead of the list being read: packing only moves entries towards the front.
                if (partner != last)
                {
                    partners[written++] = last = partner;
                }
            }
        }

        start[n] = written;
        (_start, _partners, Count) = (start, partners, written / 2);
    }

    /// <summary>How many different pairs are forbidden.</summary>
    public int Count { get; }

    /// <summary>True when <paramref name="a"/> and <paramref name="b"/> may be paired: different people, no recent meeting, no block.</summary>
    public bool Allows(int a, int b) => a != b && (Count == 0 || PartnersOf(a).BinarySearch(b) < 0);

    public bool IsBlocked(int a, int b) => _blocked.Count > 0 && _blocked.Contains(Key(a, b));

    /// <summary>Everyone <paramref name="person"/> may not be paired with, ascending.</summary>
    public ReadOnlySpan<int> PartnersOf(int person) => _partners.AsSpan(_start[person], _start[person + 1] - _start[person]);

    /// <summary>
    /// The pairs of a history table met within the window (after <c>cutOff</c>, a day number), by pool index: each distinct
    /// id is looked up in the pool once, then every pairing is a day comparison and two array reads.
    /// </summary>
    private sealed class RecentPairs
    {
        private readonly PastPairingTable _table;
        private readonly int[] _poolIndex;
        private readonly int _cutOff;

        public RecentPairs(PastPairingTable table, IReadOnlyDictionary<string, int> indexOf, int cutOff)
        {
            (_table, _cutOff) = (table, cutOff);
            _poolIndex = new int[table.Ids.Count];
            for (var id = 0; id < _poolIndex.Length; id++)
            {
                _poolIndex[id] = indexOf.TryGetValue(table.Ids[id], out var index) ? index : -1;
            }
        }

        /// <summary>Adds one to each person's count per recent pairing they are in.</summary>
        public void Count(Span<int> counts)
        {
            var a = _table.A;
            var b = _table.B;
            var days = _table.Days;
            for (var k = 0; k < days.Length; k++)
            {
                if (days[k] > _cutOff && _poolIndex[a[k]] is var i and >= 0 && _poolIndex[b[k]] is var j and >= 0 && i != j)
                {
                    counts[i]++;
                    counts[j]++;
                }
            }
        }

        /// <summary>Writes each recent pairing's two people into each other's lists, at <paramref name="next"/> (moved on).</summary>
        public void Scatter(Span<int> next, int[] partners)
        {
            var a = _table.A;
            var b = _table.B;
            var days = _table.Days;
            for (var k = 0; k < days.Length; k++)
            {
                if (days[k] > _cutOff && _poolIndex[a[k]] is var i and >= 0 && _poolIndex[b[k]] is var j and >= 0 && i != j)
                {
                    partners[next[i]++] = j;
                    partners[next[j]++] = i;
                }
            }
        }
    }

    private static long? KeyOf(IReadOnlyDictionary<string, int> indexOf, string a, string b) =>
        indexOf.TryGetValue(a, out var i) && indexOf.TryGetValue(b, out var j) && i != j ? Key(i, j) : null;

    private static long Key(int a, int b) => a < b ? ((long)a << 32) | (uint)b : ((long)b << 32) | (uint)a;
}
