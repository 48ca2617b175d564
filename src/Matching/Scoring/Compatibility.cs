using PeerBot.Matching.Profiles;

namespace PeerBot.Matching.Scoring;

/// <summary>The compatibility score of two profiles, for callers outside a pairing round (previews, "why not us?").</summary>
public static class Compatibility
{
    /// <summary>
    /// Points out of <see cref="CompatibilityWeights.Maximum"/> (100 by default), two decimals. When
    /// <paramref name="kind"/> is <see cref="PairingKind.Mentoring"/>, <paramref name="first"/> is the mentee.
    /// </summary>
    public static double Score(
        TeacherProfile first,
        TeacherProfile second,
        PairingKind kind,
        DateOnly referenceDate,
        CompatibilityWeights? weights = null,
        string defaultTimeZone = "UTC")
    {
        var pool = new PoolFeatures([first, second], referenceDate, defaultTimeZone);
        return new CompatibilityScorer(pool, weights ?? new CompatibilityWeights(), kind).Points(0, 1) / 100.0;
    }
}
