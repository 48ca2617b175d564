namespace PeerBot.Scheduler.Chat;

/// <summary>The platform refused a message (e.g. "user_not_found"); permanent failures are not retried.</summary>
public sealed class ChatDeliveryException(string reason, bool permanent, Exception? inner = null) : Exception(reason, inner)
{
    public bool Permanent { get; } = permanent;
}
