namespace PeerBot.Scheduler.Delivery;

/// <summary>Wakes this instance's dispatcher as soon as something is enqueued, instead of waiting for the next poll.</summary>
public sealed class OutboxSignal : WakeSignal;
