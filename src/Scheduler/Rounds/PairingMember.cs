namespace PeerBot.Scheduler.Rounds;

/// <summary>One person in a pairing, with what the round needs to reach them.</summary>
public sealed record PairingMember(Guid MemberId, string ExternalUserId, string Name, string Role, string? TimeZone);
