using System.Runtime.CompilerServices;

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
        // One key per pair (lower index high, higher index low); a pair met several times, or met and blocked, is one key.
        var keys = new List<long>(rules.History.Count + rules.Blocked.Count);
        foreach (var past in rules.History)
        {
            if (rules.IsWithinWindow(past.Date, today) && KeyOf(indexOf, past.A, past.B) is { } key)
            {
                keys.Add(key);
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

        var sorted = keys.ToArray();
        Array.Sort(sorted);
        var unique = 0;
        for (var k = 0; k < sorted.Length; k++)
        {
            if (unique == 0 || sorted[k] != sorted[unique - 1])
            {
                sorted[unique++] = sorted[k];
            }
        }

        Count = unique;
        var n = indexOf.Count;
        _start = new int[n + 1];
        for (var k = 0; k < unique; k++)
        {
            _start[(int)(sorted[k] >> 32) + 1]++;
            _start[(int)(uint)sorted[k] + 1]++;
        }

        for (var p = 0; p < n; p++)
        {
            _start[p + 1] += _start[p];
        }

        // Keys ascend by their lower index, then by their higher one. A first pass writes each person's lower partners
        // (they arrive ascending), a second their higher ones (ascending too): each list comes out sorted.
        _partners = new int[2 * unique];
        var next = _start[..n];
        for (var k = 0; k < unique; k++)
        {
            var (low, high) = ((int)(sorted[k] >> 32), (int)(uint)sorted[k]);
            _partners[next[high]++] = low;
        }

        for (var k = 0; k < unique; k++)
        {
            var (low, high) = ((int)(sorted[k] >> 32), (int)(uint)sorted[k]);
            _partners[next[low]++] = high;
        }
    }

    /// <summary>How many different pairs are forbidden.</summary>
    public int Count { get; }

    /// <summary>True when <paramref name="a"/> and <paramref name="b"/> may be paired: different people, no recent meeting, no block.</summary>
    public bool Allows(int a, int b) => a != b && (Count == 0 || PartnersOf(a).BinarySearch(b) < 0);

    public bool IsBlocked(int a, int b) => _blocked.Count > 0 && _blocked.Contains(Key(a, b));

    /// <summary>Everyone <paramref name="person"/> may not be paired with, ascending.</summary>
    public ReadOnlySpan<int> PartnersOf(int person) => _partners.AsSpan(_start[person], _start[person + 1] - _start[person]);

    private static long? KeyOf(IReadOnlyDictionary<string, int> indexOf, string a, string b) =>
        indexOf.TryGetValue(a, out var i) && indexOf.TryGetValue(b, out var j) && i != j ? Key(i, j) : null;

    private static long Key(int a, int b) => a < b ? ((long)a << 32) | (uint)b : ((long)b << 32) | (uint)a;
}
