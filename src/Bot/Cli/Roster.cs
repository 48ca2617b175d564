using PeerBot.Matching.Profiles;

namespace PeerBot.Bot.Cli;

/// <summary>A people file read and validated: the good lines and every rejected one.</summary>
public sealed record Roster(IReadOnlyList<RosterEntry> Entries, IReadOnlyList<RejectedLine> Rejected)
{
    public IReadOnlyList<TeacherProfile> People => [.. Entries.Select(e => e.Profile)];
}
