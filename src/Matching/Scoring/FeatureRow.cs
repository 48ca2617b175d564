using System.Runtime.InteropServices;

namespace PeerBot.Matching.Scoring;

/// <summary>
/// One person's scoring features packed into 40 bytes, so scoring a pair costs one cache line per side instead of
/// one per feature array: at state scale the candidate search is bound by memory, not arithmetic.
/// Token sets are single 64-bit words; pools with more than 64 distinct tokens in a field use the wide path.
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
}
