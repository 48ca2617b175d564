namespace PeerBot.Scheduler.Delivery;

/// <summary>An outbox row this instance claimed.</summary>
/// <param name="OutcomeUnknown">A previous try may have reached the platform (crash mid-send, timeout): look before sending.</param>
public sealed record ClaimedDelivery(long Id, Guid WorkspaceId, string DeliveryKey, IReadOnlyList<string> Recipients, string ChannelKey, string? MessageJson, int Attempts, bool OutcomeUnknown, string? Conversation);
