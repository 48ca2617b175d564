namespace PeerBot.Scheduler.Persistence;

/// <summary>
/// Work a scheduled job normally does, found again from the database: what is past due and not done (a job lost with
/// Hangfire's storage, an instance that died). Idempotent, so every instance may sweep.
/// </summary>
public interface IDueSweep
{
    /// <summary>Does everything that is due and not done; returns how many things it did.</summary>
    Task<int> SweepAsync(CancellationToken ct);
}
