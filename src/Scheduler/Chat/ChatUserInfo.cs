namespace PeerBot.Scheduler.Chat;

/// <summary>What the platform knows about a person.</summary>
/// <param name="TimeZone">IANA id when the platform knows it.</param>
/// <param name="IsAdmin">A workspace admin or owner on the platform.</param>
public sealed record ChatUserInfo(string Id, string DisplayName, string? TimeZone, bool IsAdmin, bool IsBot);
