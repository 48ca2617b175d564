using System.Runtime.InteropServices;

namespace PeerBot.Matching.Scoring;

/// <summary>
/// One person's scoring features packed into 64 bytes, so scoring a pair costs one cache line per side instead of
/// one per feature array: at state scale the candidate search is bound by memory, not arithmetic.
/// Token sets are single 64-bit words; pools with more than 64 distinct tokens in a field use the wide path.
/// The first three non-zero words of the free-time bitmap ride along (most people give a few windows a week), so an
/// overlap reads the slot table only for someone free on more than three of its words.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct FeatureRow
{
    public ulong Subjects;
    public ulong Grades;
    public ulong Focus;
    public int School;
    public short OffsetMinutes;
    public ushort SlotMask;
    public byte SubjectCount;
    public byte GradeCount;
    public byte FocusCount;
    public byte Years;

    /// <summary>Free 15-minute slots of the week (at most 255): no pair shares more than the smaller count of the two.</summary>
    public byte SlotCount;

    /// <summary>The person's pool index, in the row's spare three bytes (high byte here, low 16 bits next): see <see cref="Person"/>.</summary>
    public byte PersonHigh;

    public ushort PersonLow;

    /// <summary>The free-time words of <see cref="SlotMask"/>'s lowest three bits, in that order (zero when fewer).</summary>
    public ulong Free0;

    public ulong Free1;

    public ulong Free2;

    /// <summary>How many leading non-zero free-time words the row itself holds.</summary>
    public const int InlineWords = 3;

    /// <summary>The largest pool index a row can hold; rows of bigger pools hold 0 and callers read the index elsewhere.</summary>
    public const int MaxPerson = (1 << 24) - 1;

    /// <summary>
    /// The person's pool index (pools of at most <see cref="MaxPerson"/> + 1 people): a search reading this row for the score
    /// has the tie-break's input on the same cache line.
    /// </summary>
    public readonly int Person => PersonLow | (PersonHigh << 16);
}
