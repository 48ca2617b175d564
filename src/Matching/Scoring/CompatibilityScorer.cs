using System.Numerics;

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
    private readonly int[] _shareTable;
    private readonly int _subjectWeight;
    private readonly int _gradeWeight;
    private readonly int _focusWeight;
    private readonly int[] _experience;
    private readonly int[] _overlap;
    private readonly int[] _zoneGap;
    private readonly int _school;
    private readonly SchoolPreference _preference;
    private readonly byte[] _subjectCount;
    private readonly byte[] _gradeCount;
    private readonly byte[] _focusCount;

    public CompatibilityScorer(PoolFeatures pool, CompatibilityWeights weights, PairingKind kind)
    {
        weights.Validate();
        _pool = pool;
        _kind = kind;
        _subjectWeight = Centi(weights.Subject);
        _gradeWeight = Centi(weights.Grade);
        _focusWeight = Centi(weights.Focus);
        _shareTable = new int[(MaxTokens + 1) * (MaxTokens + 1)];
        for (var shared = 0; shared <= MaxTokens; shared++)
        {
            for (var smaller = 1; smaller <= MaxTokens; smaller++)
            {
                // Fraction in 1/10000, applied to a weight with integer rounding in Share().
                _shareTable[(shared * (MaxTokens + 1)) + smaller] = (int)Math.Round(10000.0 * Math.Min(shared, smaller) / smaller);
            }
        }

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
        _subjectCount = Counts(pool.SubjectIds);
        _gradeCount = Counts(pool.GradeIds);
        _focusCount = Counts(pool.FocusIds);
        Maximum = Centi(weights.Maximum);
    }

    public PoolFeatures Pool => _pool;

    public PairingKind Kind => _kind;

    /// <summary>The best possible score, in centipoints.</summary>
    public int Maximum { get; }

    /// <summary>Compatibility of <paramref name="a"/> and <paramref name="b"/>; when mentoring, a is the mentee and b the mentor.</summary>
    public int Points(int a, int b)
    {
        var pool = _pool;
        var points = Share(pool.SubjectBits, pool.Subjects.Words, _subjectCount, a, b, _subjectWeight)
            + Share(pool.GradeBits, pool.Grades.Words, _gradeCount, a, b, _gradeWeight)
            + Share(pool.FocusBits, pool.Focus.Words, _focusCount, a, b, _focusWeight);

        var gap = Math.Clamp(pool.Years[b] - pool.Years[a], -GapOffset, GapOffset - 1);
        points += _experience[gap + GapOffset];

        int maskA = pool.SlotMask[a], maskB = pool.SlotMask[b];
        if (maskA != 0 && maskB != 0)
        {
            var common = maskA & maskB;
            var slots = 0;
            while (common != 0)
            {
                var w = BitOperations.TrailingZeroCount(common);
                slots += BitOperations.PopCount(pool.Slots[(a * PoolFeatures.SlotWords) + w] & pool.Slots[(b * PoolFeatures.SlotWords) + w]);
                common &= common - 1;
            }

            points += _overlap[Math.Min(slots, _overlap.Length - 1)];
        }
        else
        {
            points += _zoneGap[Math.Min(Math.Abs(pool.OffsetMinutes[a] - pool.OffsetMinutes[b]) / 30, ZoneSteps)];
        }

        int schoolA = pool.School[a], schoolB = pool.School[b];
        if (schoolA >= 0 && schoolB >= 0)
        {
            points += _preference switch
            {
                SchoolPreference.OtherSchool when schoolA != schoolB => _school,
                SchoolPreference.SameSchool when schoolA == schoolB => _school,
                _ => 0,
            };
        }

        return points;
    }

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

    private int Share(ulong[] bits, int words, byte[] count, int a, int b, int weight)
    {
        int smaller = Math.Min(count[a], count[b]);
        if (smaller == 0 || weight == 0)
        {
            return 0;
        }

        int shared;
        if (words == 1)
        {
            shared = BitOperations.PopCount(bits[a] & bits[b]);
        }
        else
        {
            shared = 0;
            for (var w = 0; w < words; w++)
            {
                shared += BitOperations.PopCount(bits[(a * words) + w] & bits[(b * words) + w]);
            }
        }

        return shared == 0 ? 0 : (int)(((long)weight * _shareTable[(Math.Min(shared, MaxTokens) * (MaxTokens + 1)) + smaller] + 5000) / 10000);
    }

    private static byte[] Counts(int[][] ids)
    {
        var counts = new byte[ids.Length];
        for (var i = 0; i < ids.Length; i++)
        {
            counts[i] = (byte)Math.Min(ids[i].Length, MaxTokens);
        }

        return counts;
    }

    private static int Centi(double points) => (int)Math.Round(points * 100, MidpointRounding.AwayFromZero);
}
