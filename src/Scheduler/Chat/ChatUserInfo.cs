namespace PeerBot.Scheduler.Chat;

/// <summary>What the platform knows about a person.</summary>
/// <param name="TimeZone">IANA id when the platform knows it.</param>
/// <param name="IsAdmin">A workspace admin or owner on the platform.</param>
/// <param name="DirectoryId">The person's id in the organisation's directory when it differs from <paramref name="Id"/> (Teams: the Azure AD object id).</param>
public sealed record ChatUserInfo(string Id, string DisplayName, string? TimeZone, bool IsAdmin, bool IsBot, string? DirectoryId = null);
