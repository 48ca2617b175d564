namespace PeerBot.Scheduler.Schedules;

/// <summary>Wakes this instance's schedule keeper as soon as a workspace's rhythm changed, instead of at its next look.</summary>
public sealed class ScheduleSignal
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
            // A wake-up is already pending: one is enough.
        }
    }

    /// <summary>True when woken, false when the timeout passed.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => _wake.WaitAsync(timeout, ct);
}
