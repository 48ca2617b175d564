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

    /// <summary>Every id the pairings are numbered by: those given in advance, then the others in the order first seen.</summary>
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

    /// <summary>
    /// Collects pairings one by one; an id's text is kept once, however many pairings name it. Ids may be numbered in
    /// advance (a roster's, in its order): pairings then name them by those numbers, and the table shares that array.
    /// </summary>
    public sealed class Builder
    {
        private readonly string[] _given;
        private readonly Dictionary<string, int> _numberOf = new(StringComparer.Ordinal);
        private readonly List<string> _added = [];
        private bool _givenIndexed;
        private int[] _a;
        private int[] _b;
        private int[] _days;
        private int _count;

        public Builder(int capacity = 16)
            : this([], capacity)
        {
        }

        /// <summary>A builder where <paramref name="ids"/> are numbered 0, 1, … in advance (the first of an id given twice counts).</summary>
        public Builder(IReadOnlyList<string> ids, int capacity = 16)
        {
            ArgumentNullException.ThrowIfNull(ids);
            _given = ids as string[] ?? [.. ids];
            (_a, _b, _days) = (new int[Math.Max(capacity, 16)], new int[Math.Max(capacity, 16)], new int[Math.Max(capacity, 16)]);
        }

        public int Count => _count;

        private int IdCount => _given.Length + _added.Count;

        /// <summary>The number of the id <paramref name="text"/>, given the first time it is seen.</summary>
        public int Id(ReadOnlySpan<char> text)
        {
            IndexGiven();
            var lookup = _numberOf.GetAlternateLookup<ReadOnlySpan<char>>();
            return lookup.TryGetValue(text, out var known) ? known : Number(text.ToString());
        }

        /// <summary>The number of the id <paramref name="text"/>; the first time, this string is kept as its text.</summary>
        public int Id(string text)
        {
            IndexGiven();
            return _numberOf.TryGetValue(text, out var known) ? known : Number(text);
        }

        /// <summary>Ids given in advance are looked up by their text only once someone asks (a reader numbering them itself never does).</summary>
        private void IndexGiven()
        {
            if (!_givenIndexed)
            {
                _givenIndexed = true;
                _numberOf.EnsureCapacity(_given.Length);
                for (var i = 0; i < _given.Length; i++)
                {
                    _numberOf.TryAdd(_given[i], i);
                }
            }
        }

        private int Number(string text)
        {
            var number = IdCount;
            _numberOf.Add(text, number);
            _added.Add(text);
            return number;
        }

        /// <summary>The text of id number <paramref name="number"/> (the same string each time).</summary>
        public string Text(int number) => number < _given.Length ? _given[number] : _added[number - _given.Length];

        public void Add(string a, string b, DateOnly date) => Add(Id(a), Id(b), date.DayNumber);

        /// <summary>A pairing of ids numbered by <see cref="Id"/> (or in advance), on the day <paramref name="dayNumber"/> (<see cref="DateOnly.DayNumber"/>).</summary>
        public void Add(int a, int b, int dayNumber)
        {
            if ((uint)a >= (uint)IdCount || (uint)b >= (uint)IdCount || (uint)dayNumber > (uint)DateOnly.MaxValue.DayNumber)
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

        /// <summary>Every pairing of <paramref name="other"/>, in its order, after those added here (its ids numbered here).</summary>
        public void Add(Builder other)
        {
            ArgumentNullException.ThrowIfNull(other);
            Reserve(_count + other._count);
            if (ReferenceEquals(other._given, _given) && other._added.Count == 0)
            {
                // Both number the same ids the same way: nothing to renumber.
                other._a.AsSpan(0, other._count).CopyTo(_a.AsSpan(_count));
                other._b.AsSpan(0, other._count).CopyTo(_b.AsSpan(_count));
                other._days.AsSpan(0, other._count).CopyTo(_days.AsSpan(_count));
                _count += other._count;
                return;
            }

            var number = new int[other.IdCount];
            for (var id = 0; id < number.Length; id++)
            {
                number[id] = Id(other.Text(id));
            }

            for (var k = 0; k < other._count; k++)
            {
                (_a[_count], _b[_count], _days[_count]) = (number[other._a[k]], number[other._b[k]], other._days[k]);
                _count++;
            }
        }

        /// <summary>Room for <paramref name="capacity"/> pairings in all (a reader that can tell how many are coming).</summary>
        public void EnsureCapacity(int capacity)
        {
            if (capacity > _a.Length)
            {
                Array.Resize(ref _a, capacity);
                Array.Resize(ref _b, capacity);
                Array.Resize(ref _days, capacity);
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

        /// <summary>The table of every pairing added so far (add nothing after this).</summary>
        public PastPairingTable Build() => new(_added.Count == 0 ? _given : [.. _given, .. _added], _a, _b, _days, _count);
    }
}
