using System.Runtime.CompilerServices;

namespace PeerBot.Matching.Rules;

/// <summary>
/// The pairs of a pool that the rules forbid (met within the repeat window, or blocked), by pool index.
/// Kept both as a set, for checks on arbitrary pairs, and as per-person lists, so a candidate scan can mark
/// a person's forbidden partners once instead of looking up every pair it scores.
/// </summary>
internal sealed class ForbiddenPairs
{
    private readonly HashSet<long> _pairs = [];
    private readonly HashSet<long> _blocked = [];
    private readonly int[][] _partners;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ForbiddenPairs(IReadOnlyDictionary<string, int> indexOf, PairingRules rules, DateOnly today)
    {
        var lists = new List<int>?[indexOf.Count];
        foreach (var past in rules.History)
        {
            if (rules.IsWithinWindow(past.Date, today))
            {
                Add(past.A, past.B, blocked: false);
            }
        }

        foreach (var block in rules.Blocked)
        {
            Add(block.A, block.B, blocked: true);
        }

        _partners = new int[indexOf.Count][];
        for (var i = 0; i < _partners.Length; i++)
        {
            _partners[i] = lists[i] is { } list ? [.. list.Distinct().Order()] : [];
        }

        void Add(string a, string b, bool blocked)
        {
            if (!indexOf.TryGetValue(a, out var i) || !indexOf.TryGetValue(b, out var j) || i == j)
            {
                return;
            }

            if (_pairs.Add(Key(i, j)))
            {
                (lists[i] ??= []).Add(j);
                (lists[j] ??= []).Add(i);
            }

            if (blocked)
            {
                _blocked.Add(Key(i, j));
            }
        }
    }

    public int Count => _pairs.Count;

    /// <summary>True when <paramref name="a"/> and <paramref name="b"/> may be paired: different people, no recent meeting, no block.</summary>
    public bool Allows(int a, int b) => a != b && (_pairs.Count == 0 || !_pairs.Contains(Key(a, b)));

    public bool IsBlocked(int a, int b) => _blocked.Contains(Key(a, b));

    /// <summary>Everyone <paramref name="person"/> may not be paired with, ascending.</summary>
    public ReadOnlySpan<int> PartnersOf(int person) => _partners[person];

    private static long Key(int a, int b) => a < b ? ((long)a << 32) | (uint)b : ((long)b << 32) | (uint)a;
}
