namespace PeerBot.Bot.Slack;

/// <summary>Where a reply to one Slack request can go: its trigger (for modals) and its response_url.</summary>
public sealed record SlackReplyContext(string TeamId, string? TriggerId, Uri? ResponseUrl, string Prefix);
