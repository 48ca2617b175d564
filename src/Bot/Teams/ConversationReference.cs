namespace PeerBot.Bot.Teams;

/// <summary>How to reach one person's 1:1 chat with PeerBot in Teams.</summary>
public sealed record ConversationReference(string ConversationId, string ServiceUrl, string BotId, string UserId, string? UserName, string? TimeZone, string? AadObjectId = null);
