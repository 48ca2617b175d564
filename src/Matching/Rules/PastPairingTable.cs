using System.Collections;

namespace PeerBot.Matching.Rules;

/// <summary>
/// Past pairings kept column by column: each distinct id once, and per pairing the numbers of its two ids and its day.
/// A district's history names the same people thousands of times: this takes no object per pairing, and the rules look
/// each distinct id up once instead of twice per line. It reads as a list of <see cref="PastPairing"/> in the order added.
/// </summary>
public sealed class PastPairingTable : IReadOnlyList<PastPairing>
{
    private readonly string[] _ids;
    private readonly int[] _a;
    private readonly int[] _b;
    private readonly int[] _days;

    private PastPairingTable(string[] ids, int[] a, int[] b, int[] days, int count)
    {
        (_ids, _a, _b, _days, Count) = (ids, a, b, days, count);
    }

    public int Count { get; }

    /// <summary>Every distinct id, numbered from 0 in the order first seen.</summary>
    public IReadOnlyList<string> Ids => _ids;

    public PastPairing this[int index] =>
        (uint)index < (uint)Count
            ? new PastPairing(_ids[_a[index]], _ids[_b[index]], DateOnly.FromDayNumber(_days[index]))
            : throw new ArgumentOutOfRangeException(nameof(index));

    /// <summary>Each pairing's first id, as its number in <see cref="Ids"/>.</summary>
    internal ReadOnlySpan<int> A => _a.AsSpan(0, Count);

    /// <summary>Each pairing's second id, as its number in <see cref="Ids"/>.</summary>
    internal ReadOnlySpan<int> B => _b.AsSpan(0, Count);

    /// <summary>Each pairing's date as <see cref="DateOnly.DayNumber"/>.</summary>
    internal ReadOnlySpan<int> Days => _days.AsSpan(0, Count);

    public IEnumerator<PastPairing> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Collects pairings one by one; an id's text is kept once, however many pairings name it.</summary>
    public sealed class Builder(int capacity = 16)
    {
        private readonly Dictionary<string, int> _numberOf = new(StringComparer.Ordinal);
        private readonly List<string> _ids = [];
        private int[] _a = new int[Math.Max(capacity, 16)];
        private int[] _b = new int[Math.Max(capacity, 16)];
        private int[] _days = new int[Math.Max(capacity, 16)];
        private int _count;

        public int Count => _count;

        /// <summary>The number of the id <paramref name="text"/>, given the first time it is seen.</summary>
        public int Id(ReadOnlySpan<char> text)
        {
            var lookup = _numberOf.GetAlternateLookup<ReadOnlySpan<char>>();
            return lookup.TryGetValue(text, out var known) ? known : Number(text.ToString());
        }

        /// <summary>The number of the id <paramref name="text"/>; the first time, this string is kept as its text.</summary>
        public int Id(string text) => _numberOf.TryGetValue(text, out var known) ? known : Number(text);

        private int Number(string text)
        {
            _numberOf.Add(text, _ids.Count);
            _ids.Add(text);
            return _ids.Count - 1;
        }

        /// <summary>The text of id number <paramref name="number"/> (the same string each time).</summary>
        public string Text(int number) => _ids[number];

        public void Add(string a, string b, DateOnly date) => Add(Id(a), Id(b), date.DayNumber);

        /// <summary>A pairing of ids numbered by <see cref="Id"/>, on the day <paramref name="dayNumber"/> (<see cref="DateOnly.DayNumber"/>).</summary>
        public void Add(int a, int b, int dayNumber)
        {
            if ((uint)a >= (uint)_ids.Count || (uint)b >= (uint)_ids.Count || (uint)dayNumber > (uint)DateOnly.MaxValue.DayNumber)
            {
                throw new ArgumentOutOfRangeException(nameof(a), "Both ids must be numbered by this builder first, and the day a DateOnly.DayNumber.");
            }

            if (_count == _a.Length)
            {
                Reserve(_count + 1);
            }

            _a[_count] = a;
            _b[_count] = b;
            _days[_count] = dayNumber;
            _count++;
        }

        /// <summary>The table of every pairing added so far (add nothing after this).</summary>
        /// <summary>Every pairing of <paramref name="other"/>, in its order, after those added here (its ids numbered here).</summary>
        public void Add(Builder other)
        {
            ArgumentNullException.ThrowIfNull(other);
            var number = new int[other._ids.Count];
            for (var id = 0; id < number.Length; id++)
            {
                number[id] = Id(other._ids[id]);
            }

            Reserve(_count + other._count);
            for (var k = 0; k < other._count; k++)
            {
                (_a[_count], _b[_count], _days[_count]) = (number[other._a[k]], number[other._b[k]], other._days[k]);
                _count++;
            }
        }

        private void Reserve(int count)
        {
            if (count > _a.Length)
            {
                var size = Math.Max(count, _a.Length * 2);
                Array.Resize(ref _a, size);
                Array.Resize(ref _b, size);
                Array.Resize(ref _days, size);
            }
        }

        public PastPairingTable Build() => new([.. _ids], _a, _b, _days, _count);
    }
}
