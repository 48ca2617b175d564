namespace PeerBot.Scheduler.Delivery;

/// <summary>Wakes this instance's dispatcher as soon as something is enqueued, instead of waiting for the next poll.</summary>
public sealed class OutboxSignal
{
    private readonly SemaphoreSlim _wake = new(0, 1);

    public void Wake()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already awake-pending: one wake-up is enough.
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, TimeProvider clock, CancellationToken ct) =>
        _wake.WaitAsync(timeout, ct);
}
