using System.Numerics;
using System.Runtime.CompilerServices;
using PeerBot.Matching.Profiles;

namespace PeerBot.Matching.Scoring;

/// <summary>
/// A pool of profiles compiled for scoring millions of pairs: token sets as bitsets, availability as a
/// 15-minute bitmap of the UTC week, schools as numbers. Built once per round; index i is People[i].
/// </summary>
internal sealed class PoolFeatures
{
    public const int SlotMinutes = 15;
    public const int SlotWords = (WeeklyCalendar.MinutesPerWeek / SlotMinutes + 63) / 64;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public PoolFeatures(IReadOnlyList<TeacherProfile> people, DateOnly referenceDate, string defaultTimeZone)
    {
        People = people;
        Calendar = new WeeklyCalendar(referenceDate, defaultTimeZone);
        var n = people.Count;
        SubjectIds = new int[n][];
        GradeIds = new int[n][];
        FocusIds = new int[n][];
        Years = new int[n];
        School = new int[n];
        OffsetMinutes = new int[n];
        Zone = new TimeZoneInfo[n];
        Utc = new WeekInterval[n][];
        Slots = new ulong[n * SlotWords];
        SlotMask = new ushort[n];
        var schools = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        // Profiles read from one roster share their parsed lists (the same text is parsed once): each distinct list is
        // compiled once and its answer shared, which also spares the collector hundreds of thousands of small arrays.
        // The answers only depend on the list's contents, so sharing them changes nothing but the work.
        var subjectLists = new Dictionary<object, int[]>(ReferenceEqualityComparer.Instance);
        var gradeLists = new Dictionary<object, int[]>(ReferenceEqualityComparer.Instance);
        var focusLists = new Dictionary<object, int[]>(ReferenceEqualityComparer.Instance);
        var utcLists = new Dictionary<TimeZoneInfo, Dictionary<object, int>>(ReferenceEqualityComparer.Instance);
        var lists = new List<(IReadOnlyList<AvailabilityWindow> Windows, TimeZoneInfo Zone)>();
        var listOf = new int[n];
        TimeZoneInfo? lastZone = null;
        Dictionary<object, int>? zoneLists = null;
        for (var i = 0; i < n; i++)
        {
            var p = people[i];
            SubjectIds[i] = Compiled(Subjects, p.Subjects, subjectLists);
            GradeIds[i] = Compiled(Grades, p.Grades, gradeLists);
            FocusIds[i] = Compiled(Focus, p.Focus, focusLists);
            Years[i] = Math.Clamp(p.Years, 0, 60);
            School[i] = string.IsNullOrWhiteSpace(p.School) ? -1 : Intern(schools, p.School.Trim());
            var zone = Calendar.Zone(p.TimeZone);
            Zone[i] = zone;
            OffsetMinutes[i] = Calendar.OffsetMinutes(zone);
            if (!ReferenceEquals(zone, lastZone))
            {
                if (!utcLists.TryGetValue(zone, out zoneLists))
                {
                    utcLists[zone] = zoneLists = new Dictionary<object, int>(ReferenceEqualityComparer.Instance);
                }

                lastZone = zone;
            }

            if (!zoneLists!.TryGetValue(p.Availability, out var distinct))
            {
                zoneLists[p.Availability] = distinct = lists.Count;
                lists.Add((p.Availability, zone));
            }

            listOf[i] = distinct;
        }

        // Each distinct (availability, zone) is converted to the UTC week once, on all cores.
        var compiled = new WeekInterval[lists.Count][];
        Parallel.For(
            0,
            lists.Count,
            () => new Dictionary<(TimeZoneInfo Zone, AvailabilityWindow Window), WeekInterval[]>(),
            (d, _, converted) =>
            {
                compiled[d] = Calendar.ToUtc(lists[d].Windows, lists[d].Zone, converted);
                return converted;
            },
            _ => { });
        for (var i = 0; i < n; i++)
        {
            Utc[i] = compiled[listOf[i]];
        }

        // Each person's slot words are their own: filled on all cores.
        Parallel.For(0, n, FillSlots);

        SubjectBits = ToBits(SubjectIds, Subjects.Words);
        GradeBits = ToBits(GradeIds, Grades.Words);
        FocusBits = ToBits(FocusIds, Focus.Words);
        Wide = Subjects.Words > 1 || Grades.Words > 1 || Focus.Words > 1;
        Rows = new FeatureRow[n];
        Span<ulong> free = stackalloc ulong[FeatureRow.InlineWords];
        for (var i = 0; i < n; i++)
        {
            Rows[i] = new FeatureRow
            {
                Subjects = Wide ? 0 : SubjectBits[i],
                Grades = Wide ? 0 : GradeBits[i],
                Focus = Wide ? 0 : FocusBits[i],
                School = School[i],
                OffsetMinutes = (short)OffsetMinutes[i],
                SlotMask = SlotMask[i],
                SubjectCount = (byte)Math.Min(SubjectIds[i].Length, 15),
                GradeCount = (byte)Math.Min(GradeIds[i].Length, 15),
                FocusCount = (byte)Math.Min(FocusIds[i].Length, 15),
                Years = (byte)Years[i],
                SlotCount = (byte)Math.Min(SlotCountOf(i), 255),
                PersonHigh = n <= FeatureRow.MaxPerson + 1 ? (byte)(i >> 16) : (byte)0,
                PersonLow = n <= FeatureRow.MaxPerson + 1 ? (ushort)i : (ushort)0,
            };
            free.Clear();
            var rank = 0;
            for (var left = (int)SlotMask[i]; left != 0 && rank < free.Length; left &= left - 1)
            {
                free[rank++] = Slots[(i * SlotWords) + BitOperations.TrailingZeroCount(left)];
            }

            (Rows[i].Free0, Rows[i].Free1, Rows[i].Free2) = (free[0], free[1], free[2]);
        }
    }

    /// <summary>True when some field has more than 64 distinct tokens, so <see cref="Rows"/> cannot hold the token sets.</summary>
    public bool Wide { get; }

    /// <summary>Each person's features packed for the hot path.</summary>
    public FeatureRow[] Rows { get; }

    public IReadOnlyList<TeacherProfile> People { get; }

    public int Count => People.Count;

    public WeeklyCalendar Calendar { get; }

    public TokenVocabulary Subjects { get; } = new();

    public TokenVocabulary Grades { get; } = new();

    public TokenVocabulary Focus { get; } = new();

    public int[][] SubjectIds { get; }

    public int[][] GradeIds { get; }

    public int[][] FocusIds { get; }

    public ulong[] SubjectBits { get; }

    public ulong[] GradeBits { get; }

    public ulong[] FocusBits { get; }

    public int[] Years { get; }

    /// <summary>School number, or -1 when unknown.</summary>
    public int[] School { get; }

    public int[] OffsetMinutes { get; }

    public TimeZoneInfo[] Zone { get; }

    /// <summary>Each person's availability as merged UTC intervals of the reference week.</summary>
    public WeekInterval[][] Utc { get; }

    /// <summary><see cref="SlotWords"/> words a person: bit s set when the whole 15-minute slot s is free.</summary>
    public ulong[] Slots { get; }

    /// <summary>Which of a person's slot words are non-zero, so overlaps touch only those.</summary>
    public ushort[] SlotMask { get; }

    /// <summary>A person's <see cref="SlotWords"/> words of <see cref="Slots"/>.</summary>
    public ReadOnlySpan<ulong> SlotsOf(int person) => Slots.AsSpan(person * SlotWords, SlotWords);

    private int SlotCountOf(int person)
    {
        var count = 0;
        foreach (var word in SlotsOf(person))
        {
            count += BitOperations.PopCount(word);
        }

        return count;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void FillSlots(int person)
    {
        var words = Slots.AsSpan(person * SlotWords, SlotWords);
        foreach (var interval in Utc[person])
        {
            var first = (interval.Start + SlotMinutes - 1) / SlotMinutes;
            var last = interval.End / SlotMinutes;
            for (var s = first; s < last; s++)
            {
                words[s >> 6] |= 1UL << (s & 63);
            }
        }

        ushort mask = 0;
        for (var w = 0; w < SlotWords; w++)
        {
            if (words[w] != 0)
            {
                mask |= (ushort)(1 << w);
            }
        }

        SlotMask[person] = mask;
    }

    private static ulong[] ToBits(int[][] ids, int words)
    {
        var bits = new ulong[ids.Length * words];
        for (var i = 0; i < ids.Length; i++)
        {
            foreach (var id in ids[i])
            {
                bits[(i * words) + (id >> 6)] |= 1UL << (id & 63);
            }
        }

        return bits;
    }

    private static int[] Compiled(TokenVocabulary vocabulary, IReadOnlyList<string> tokens, Dictionary<object, int[]> compiled)
    {
        if (!compiled.TryGetValue(tokens, out var ids))
        {
            compiled[tokens] = ids = vocabulary.Intern(tokens);
        }

        return ids;
    }

    private static int Intern(Dictionary<string, int> ids, string key)
    {
        if (!ids.TryGetValue(key, out var id))
        {
            id = ids.Count;
            ids.Add(key, id);
        }

        return id;
    }
}
