namespace PeerBot.Bot.Slack.Install;

/// <summary>What <c>oauth.v2.access</c> granted a workspace, in plaintext: it only lives in memory.</summary>
/// <param name="ExpiresAt">When the bot token expires; null unless the app uses token rotation.</param>
public sealed record SlackInstallation(string TeamId, string TeamName, string BotUserId, string Scope, string BotToken, string? RefreshToken, DateTimeOffset? ExpiresAt);
