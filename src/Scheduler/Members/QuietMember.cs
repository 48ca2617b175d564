namespace PeerBot.Scheduler.Members;

/// <summary>A member a round found quiet.</summary>
public sealed record QuietMember(Guid Id, string ExternalUserId, string? TimeZone);
