using System.Numerics;
using System.Runtime.CompilerServices;

namespace PeerBot.Matching.Scoring;

/// <summary>
/// Scores pairs of a compiled pool in centipoints (1/100 of a point of <see cref="CompatibilityWeights"/>), as
/// integers so the solvers are exact. Every ingredient is a table lookup prepared from the weights, so the hot
/// path is a handful of popcounts: candidate generation scores tens of millions of pairs.
/// </summary>
internal sealed class CompatibilityScorer
{
    private const int MaxTokens = 15;
    private const int GapOffset = 64;
    private const int ZoneSteps = 48;

    private readonly PoolFeatures _pool;
    private readonly PairingKind _kind;
    private readonly int[] _subjectShare;
    private readonly int[] _gradeShare;
    private readonly int[] _focusShare;
    private readonly int _subjectWords;
    private readonly int _gradeWords;
    private readonly int _focusWords;
    private readonly int[] _experience;
    private readonly int[] _overlap;
    private readonly int[] _zoneGap;
    private readonly int _school;
    private readonly SchoolPreference _preference;
    private readonly int _bestSubject;
    private readonly int _bestGrade;
    private readonly int _bestFocus;
    private readonly int _bestRest;

    public CompatibilityScorer(PoolFeatures pool, CompatibilityWeights weights, PairingKind kind)
    {
        weights.Validate();
        _pool = pool;
        _kind = kind;
        _subjectShare = ShareTable(weights.Subject);
        _gradeShare = ShareTable(weights.Grade);
        _focusShare = ShareTable(weights.Focus);
        _subjectWords = pool.Subjects.Words;
        _gradeWords = pool.Grades.Words;
        _focusWords = pool.Focus.Words;

        _experience = new int[2 * GapOffset];
        for (var i = 0; i < _experience.Length; i++)
        {
            var fraction = kind == PairingKind.Mentoring ? MentoringGap(i - GapOffset, weights) : PeerGap(Math.Abs(i - GapOffset), weights);
            _experience[i] = Centi(weights.Experience * fraction);
        }

        var fullSlots = Math.Max(1, weights.FullOverlapMinutes / PoolFeatures.SlotMinutes);
        _overlap = new int[fullSlots + 1];
        for (var s = 0; s <= fullSlots; s++)
        {
            _overlap[s] = Centi(weights.Schedule * s / fullSlots);
        }

        _zoneGap = new int[ZoneSteps + 1];
        for (var step = 0; step <= ZoneSteps; step++)
        {
            // Half the schedule points at most: close time zones only make meeting possible, not certain.
            var hours = step / 2.0;
            _zoneGap[step] = Centi(weights.Schedule * 0.5 * Math.Clamp((4 - hours) / 3, 0, 1));
        }

        _school = Centi(weights.School);
        _preference = weights.SchoolPreference;
        Maximum = Centi(weights.Maximum);
        _bestSubject = _subjectShare.Max();
        _bestGrade = _gradeShare.Max();
        _bestFocus = _focusShare.Max();
        _bestRest = _experience.Max() + Math.Max(_overlap.Max(), _zoneGap.Max()) + _school;
    }

    public PoolFeatures Pool => _pool;

    public PairingKind Kind => _kind;

    /// <summary>The best possible score, in centipoints.</summary>
    public int Maximum { get; }

    /// <summary>
    /// The most points any pair can earn when it shares none of the ingredients turned off here: lets a search
    /// stop looking among people who cannot beat what it has already found.
    /// </summary>
    public int MostPoints(bool subject, bool grade, bool focus) => MostTokenPoints(subject, grade, focus) + _bestRest;

    /// <summary>The subject, grade band and focus part of <see cref="MostPoints"/>.</summary>
    public int MostTokenPoints(bool subject, bool grade, bool focus) =>
        (subject ? _bestSubject : 0) + (grade ? _bestGrade : 0) + (focus ? _bestFocus : 0);

    /// <summary>
    /// The most experience points someone with <paramref name="years"/> can earn with a partner whose years are among
    /// <paramref name="partnerYears"/> (bit y set: someone has y years); <paramref name="isFirst"/> as in <see cref="Points(int, int)"/>.
    /// </summary>
    public int MostExperience(int years, bool isFirst, ulong partnerYears)
    {
        var most = 0;
        for (var left = partnerYears; left != 0; left &= left - 1)
        {
            var y = BitOperations.TrailingZeroCount(left);
            most = Math.Max(most, _experience[Math.Clamp(isFirst ? y - years : years - y, -GapOffset, GapOffset - 1) + GapOffset]);
        }

        return most;
    }

    /// <summary>
    /// The most schedule and school points <paramref name="row"/>'s person can earn with a partner whose UTC offset is
    /// among <paramref name="partnerOffsets"/> (free-time overlap only when <paramref name="partnersHaveSlots"/>).
    /// </summary>
    public int MostScheduleAndSchool(in FeatureRow row, ReadOnlySpan<int> partnerOffsets, bool partnersHaveSlots)
    {
        var schedule = 0;
        foreach (var offset in partnerOffsets)
        {
            schedule = Math.Max(schedule, _zoneGap[Math.Min(Math.Abs(row.OffsetMinutes - offset) / 30, ZoneSteps)]);
        }

        if (row.SlotMask != 0 && partnersHaveSlots)
        {
            schedule = Math.Max(schedule, _overlap[Math.Min((int)row.SlotCount, _overlap.Length - 1)]);
        }

        return schedule + (row.School >= 0 && _preference != SchoolPreference.NoPreference ? _school : 0);
    }

    /// <summary>Compatibility of <paramref name="a"/> and <paramref name="b"/>; when mentoring, a is the mentee and b the mentor.</summary>
    public int Points(int a, int b) => Points(a, in _pool.Rows[a], _pool.SlotsOf(a), b, in _pool.Rows[b], _pool.SlotsOf(b));

    /// <summary>
    /// The same, from features the caller already holds (a search keeps its own copy in memory order); the pool
    /// indices are still needed for pools with more than 64 distinct subjects, grades or focus areas.
    /// </summary>
    public int Points(int a, in FeatureRow ra, ReadOnlySpan<ulong> slotsA, int b, in FeatureRow rb, ReadOnlySpan<ulong> slotsB) =>
        PointsAtLeast(int.MinValue, a, in ra, slotsA, b, in rb, slotsB);

    /// <summary>
    /// The pair's points when they reach <paramref name="floor"/>; otherwise some number below it. A search only keeps
    /// pairs above its k-th best, so the free-time overlap, the one part that reads more than the two rows, is counted
    /// only when it could lift the pair to the floor.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int PointsAtLeast(int floor, int a, in FeatureRow ra, ReadOnlySpan<ulong> slotsA, int b, in FeatureRow rb, ReadOnlySpan<ulong> slotsB)
    {
        var points = RowPoints(a, in ra, b, in rb, rb.Years - ra.Years);
        int maskA = ra.SlotMask, maskB = rb.SlotMask;
        if (maskA != 0 && maskB != 0)
        {
            if (points + _overlap[Math.Min(Math.Min(ra.SlotCount, rb.SlotCount), _overlap.Length - 1)] < floor)
            {
                return points;
            }

            var common = maskA & maskB;
            var slots = 0;
            while (common != 0)
            {
                var w = BitOperations.TrailingZeroCount(common);
                var below = (1 << w) - 1;
                slots += BitOperations.PopCount(
                    FreeWord(in ra, BitOperations.PopCount((uint)(maskA & below)), slotsA, w)
                    & FreeWord(in rb, BitOperations.PopCount((uint)(maskB & below)), slotsB, w));
                common &= common - 1;
            }

            points += _overlap[Math.Min(slots, _overlap.Length - 1)];
        }
        else
        {
            points += _zoneGap[Math.Min(Math.Abs(ra.OffsetMinutes - rb.OffsetMinutes) / 30, ZoneSteps)];
        }

        return points;
    }

    /// <summary>
    /// <see cref="PointsAtLeast"/> for a search: the query's whole free-time table is at hand (<paramref name="querySlots"/>,
    /// in cache for its whole search), so only the candidate's words go through its row; <paramref name="queryIsFirst"/>
    /// says which of the two is the scorer's first argument. The same points, the same floor rule.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int QueryPointsAtLeast(
        int floor, bool queryIsFirst, int q, in FeatureRow rq, ReadOnlySpan<ulong> querySlots, int c, in FeatureRow rc, ReadOnlySpan<ulong> candidateSlots)
    {
        var points = RowPoints(q, in rq, c, in rc, queryIsFirst ? rc.Years - rq.Years : rq.Years - rc.Years);
        int maskQ = rq.SlotMask, maskC = rc.SlotMask;
        if (maskQ != 0 && maskC != 0)
        {
            if (points + _overlap[Math.Min(Math.Min(rq.SlotCount, rc.SlotCount), _overlap.Length - 1)] < floor)
            {
                return points;
            }

            var common = maskQ & maskC;
            var slots = 0;
            ref var inline = ref Unsafe.AsRef(in rc.Free0);
            while (common != 0)
            {
                var w = BitOperations.TrailingZeroCount(common);
                var rank = BitOperations.PopCount((uint)(maskC & ((1 << w) - 1)));
                // Free0..Free2 sit side by side in the row: the rank picks one without a jump table.
                var theirs = rank < FeatureRow.InlineWords ? Unsafe.Add(ref inline, rank) : candidateSlots[w];
                slots += BitOperations.PopCount(querySlots[w] & theirs);
                common &= common - 1;
            }

            points += _overlap[Math.Min(slots, _overlap.Length - 1)];
        }
        else
        {
            points += _zoneGap[Math.Min(Math.Abs(rq.OffsetMinutes - rc.OffsetMinutes) / 30, ZoneSteps)];
        }

        return points;
    }

    /// <summary>
    /// What the two rows alone give, in either order: shared subjects, grades and focus, the experience term for
    /// <paramref name="yearsAhead"/> (the second's years over the first's, in the scorer's order), and the school.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int RowPoints(int a, in FeatureRow ra, int b, in FeatureRow rb, int yearsAhead)
    {
        int points;
        if (_pool.Wide)
        {
            points = Share(_pool.SubjectBits, _subjectWords, a, b, Math.Min(ra.SubjectCount, rb.SubjectCount), _subjectShare)
                + Share(_pool.GradeBits, _gradeWords, a, b, Math.Min(ra.GradeCount, rb.GradeCount), _gradeShare)
                + Share(_pool.FocusBits, _focusWords, a, b, Math.Min(ra.FocusCount, rb.FocusCount), _focusShare);
        }
        else
        {
            points = _subjectShare[(Math.Min(BitOperations.PopCount(ra.Subjects & rb.Subjects), MaxTokens) * (MaxTokens + 1)) + Math.Min(ra.SubjectCount, rb.SubjectCount)]
                + _gradeShare[(Math.Min(BitOperations.PopCount(ra.Grades & rb.Grades), MaxTokens) * (MaxTokens + 1)) + Math.Min(ra.GradeCount, rb.GradeCount)]
                + _focusShare[(Math.Min(BitOperations.PopCount(ra.Focus & rb.Focus), MaxTokens) * (MaxTokens + 1)) + Math.Min(ra.FocusCount, rb.FocusCount)];
        }

        points += _experience[Math.Clamp(yearsAhead, -GapOffset, GapOffset - 1) + GapOffset];
        if (ra.School >= 0 && rb.School >= 0)
        {
            points += _preference switch
            {
                SchoolPreference.OtherSchool when ra.School != rb.School => _school,
                SchoolPreference.SameSchool when ra.School == rb.School => _school,
                _ => 0,
            };
        }

        return points;
    }

    /// <summary>Free-time word <paramref name="w"/>, the <paramref name="rank"/>-th non-zero one: from the row when it holds it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong FreeWord(in FeatureRow row, int rank, ReadOnlySpan<ulong> slots, int w) => rank switch
    {
        0 => row.Free0,
        1 => row.Free1,
        2 => row.Free2,
        _ => slots[w],
    };

    /// <summary>Years the mentor is ahead that count fully, partly, or not at all (see <see cref="CompatibilityWeights.Experience"/>).</summary>
    internal static double MentoringGap(int gap, CompatibilityWeights w) => gap switch
    {
        <= 0 => 0,
        _ when gap < w.IdealGapMinYears => (double)gap / w.IdealGapMinYears,
        _ when gap <= w.IdealGapMaxYears => 1,
        _ when gap < w.MaxUsefulGapYears => (double)(w.MaxUsefulGapYears - gap) / (w.MaxUsefulGapYears - w.IdealGapMaxYears),
        _ => 0,
    };

    internal static double PeerGap(int gap, CompatibilityWeights w) => Math.Max(0, 1 - ((double)gap / w.PeerGapYears));

    private static int Share(ulong[] bits, int words, int a, int b, int smaller, int[] table)
    {
        var shared = 0;
        for (var w = 0; w < words; w++)
        {
            shared += BitOperations.PopCount(bits[(a * words) + w] & bits[(b * words) + w]);
        }

        return table[(Math.Min(shared, MaxTokens) * (MaxTokens + 1)) + smaller];
    }

    /// <summary>Points for sharing s of the smaller list's n tokens, at [s * 16 + n]: weight × s / n.</summary>
    private static int[] ShareTable(double weight)
    {
        var table = new int[(MaxTokens + 1) * (MaxTokens + 1)];
        for (var shared = 1; shared <= MaxTokens; shared++)
        {
            for (var smaller = 1; smaller <= MaxTokens; smaller++)
            {
                table[(shared * (MaxTokens + 1)) + smaller] = Centi(weight * Math.Min(shared, smaller) / smaller);
            }
        }

        return table;
    }

    private static int Centi(double points) => (int)Math.Round(points * 100, MidpointRounding.AwayFromZero);
}
