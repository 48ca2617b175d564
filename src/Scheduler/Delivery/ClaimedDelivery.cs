namespace PeerBot.Scheduler.Delivery;

/// <summary>An outbox row this instance claimed; <paramref name="ClaimToken"/> must match for any update to it to count.</summary>
/// <param name="OutcomeUnknown">A previous try was handed to the platform and its outcome is unknown (crash mid-send, timeout): look before sending.</param>
public sealed record ClaimedDelivery(long Id, Guid ClaimToken, Guid WorkspaceId, string DeliveryKey, IReadOnlyList<string> Recipients, string ChannelKey, string? MessageJson, int Attempts, bool OutcomeUnknown, string? Conversation);
