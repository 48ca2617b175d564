namespace PeerBot.Scheduler.Delivery;

/// <summary>Where a message in the outbox stands: waiting, claimed by an instance, handed over, or given up on.</summary>
public enum OutboxState
{
    Pending,
    Sending,
    Sent,
    Dead,
}
