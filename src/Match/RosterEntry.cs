using PeerBot.Matching.Profiles;

namespace PeerBot.MatchTool;

/// <summary>
/// A valid roster line: the profile it describes on its own, and the raw fields it gave, so an import can apply
/// just those on top of a member's existing profile (a column the roster leaves out keeps what the teacher set).
/// </summary>
public sealed record RosterEntry(int Line, TeacherProfile Profile, IReadOnlyDictionary<string, string> Fields);
