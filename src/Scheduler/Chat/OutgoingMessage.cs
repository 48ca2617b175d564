namespace PeerBot.Scheduler.Chat;

/// <summary>A message on its way out.</summary>
/// <param name="DeliveryKey">Unique per job run + recipient(s) + purpose: the same key is never delivered twice.</param>
/// <param name="Recipients">Platform user ids: one for a direct message, several for a pair or pod.</param>
public sealed record OutgoingMessage(string DeliveryKey, IReadOnlyList<string> Recipients, ChatMessage Message)
{
    /// <summary>A shared channel the workspace chose for it (the recipients are mentioned there); null: their own conversation.</summary>
    public string? Conversation { get; init; }
}

/// <summary>What the platform answered: its ids for the message(s) sent (one per conversation).</summary>
public sealed record DeliveryReceipt(IReadOnlyList<string> MessageIds);
