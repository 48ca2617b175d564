using PeerBot.Matching.Profiles;

namespace PeerBot.Scheduler.Members;

/// <summary>A teacher who joined PeerBot in a workspace, with their profile and pause state.</summary>
public sealed record Member(Guid Id, Guid WorkspaceId, string ExternalUserId, TeacherProfile Profile, DateTimeOffset? PausedUntil, DateTimeOffset JoinedAt)
{
    /// <summary>The member typed their name (<c>name:</c>): the platform's display name does not replace it.</summary>
    public bool NameGiven { get; init; }

    /// <summary>Sits out the next full pairing round only (<c>skip</c>); back automatically after it.</summary>
    public bool SkipsNextRound { get; init; }

    public bool IsPausedAt(DateTimeOffset now) => PausedUntil is { } until && until > now;
}
