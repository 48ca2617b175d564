using PeerBot.Matching.Profiles;
using PeerBot.Matching.Scoring;

namespace PeerBot.Matching.Explanations;

/// <summary>The "why" sentence for a pair or pod, for callers outside a pairing round (profile page, reminders).</summary>
public static class PairingExplanation
{
    /// <summary>Why <paramref name="mentee"/> and <paramref name="mentor"/> fit; times are taken in the week of <paramref name="referenceDate"/>.</summary>
    public static string ForMentoring(TeacherProfile mentee, TeacherProfile mentor, DateOnly referenceDate, string defaultTimeZone = "UTC") =>
        new ExplanationWriter(new PoolFeatures([mentee, mentor], referenceDate, defaultTimeZone)).ForMentoring(0, 1);

    /// <summary>The same, written to the mentor alone (their proposal): "you have 8 more years in the classroom".</summary>
    public static string ToMentor(TeacherProfile mentee, TeacherProfile mentor, DateOnly referenceDate, string defaultTimeZone = "UTC") =>
        new ExplanationWriter(new PoolFeatures([mentee, mentor], referenceDate, defaultTimeZone)).ForMentoring(0, 1, toMentor: true);

    /// <summary>Why these peers make a pod (two or more people).</summary>
    public static string ForPeers(IReadOnlyList<TeacherProfile> members, DateOnly referenceDate, string defaultTimeZone = "UTC")
    {
        if (members.Count < 2)
        {
            throw new ArgumentException("A pod has at least two members.", nameof(members));
        }

        return new ExplanationWriter(new PoolFeatures(members, referenceDate, defaultTimeZone)).ForPeers([.. Enumerable.Range(0, members.Count)]);
    }
}
