using PeerBot.Scheduler.Chat;

namespace PeerBot.Scheduler.Delivery;

/// <summary>A message to put into the outbox.</summary>
/// <param name="DeliveryKey">Job run + recipient(s) + purpose, e.g. "round:{roundId}:intro:{pairingId}". The same key is delivered once.</param>
/// <param name="Recipients">Platform user ids: one for a DM, several for a pair or pod.</param>
/// <param name="Purpose">What the message is for ("intro", "checkin", …): shown with dead letters.</param>
public sealed record OutboxEntry(string DeliveryKey, IReadOnlyList<string> Recipients, string Purpose, ChatMessage Message, Urgency Urgency)
{
    /// <summary>The member the message is about, so erasing them erases it.</summary>
    public Guid? MemberId { get; init; }

    /// <summary>The pairing the message is about, so erasing either member erases it.</summary>
    public Guid? PairingId { get; init; }

    /// <summary>The recipients' IANA time zones where known; quiet rules use them for scheduled messages.</summary>
    public IReadOnlyList<string?> TimeZones { get; init; } = [];

    /// <summary>A shared channel to post in instead of a conversation of just the recipients (null: their own).</summary>
    public string? Conversation { get; init; }

    /// <summary>The conversation it lands in, whatever order the recipients were listed in.</summary>
    public string ChannelKey => Conversation ?? string.Join(',', Recipients.Order(StringComparer.Ordinal));
}
