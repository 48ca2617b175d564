namespace PeerBot.Scheduler.Delivery;

/// <summary>A message the outbox gave up on, for admins to see (never its content: it may be private).</summary>
public sealed record DeadLetter(string DeliveryKey, string Purpose, IReadOnlyList<string> Recipients, int Attempts, string? LastError, DateTimeOffset CreatedAt);
