using System.Globalization;
using PeerBot.Matching.Profiles;

namespace PeerBot.MatchTool;

/// <summary>
/// A people file read and validated: the good lines, every rejected one, and how many grade bands were written in
/// another spelling than the one stored ("Pre-K" is stored as pk), with a few examples to show the operator.
/// </summary>
public sealed record Roster(IReadOnlyList<RosterEntry> Entries, IReadOnlyList<RejectedLine> Rejected)
{
    public IReadOnlyList<TeacherProfile> People => [.. Entries.Select(e => e.Profile)];

    public int Normalised { get; init; }

    public IReadOnlyList<(string Written, string Stored)> NormalisedExamples { get; init; } = [];

    /// <summary>"normalised 522 grade bands (e.g. "PK-2" → pk-2, "Pre-K" → pk)", or null when every value was written as stored.</summary>
    public string? NormalisedSummary() => Normalised == 0 ? null : string.Create(CultureInfo.InvariantCulture,
        $"normalised {Normalised} grade band{(Normalised == 1 ? "" : "s")} (e.g. {string.Join(", ", NormalisedExamples.Select(e => $"\"{e.Written}\" → {e.Stored}"))})");
}
