namespace PeerBot.Bot.Slack;

/// <summary>Where a reply to one Slack request can go: its trigger (for modals) and its response_url.</summary>
public sealed record SlackReplyContext(string TeamId, string? TriggerId, Uri? ResponseUrl, string Prefix)
{
    /// <summary>The modal the person clicked in (it has no response_url): the answer replaces what the modal shows.</summary>
    public string? ViewId { get; init; }

    /// <summary>The modal's state when the person clicked: Slack refuses the update if the modal changed since.</summary>
    public string? ViewHash { get; init; }
}
