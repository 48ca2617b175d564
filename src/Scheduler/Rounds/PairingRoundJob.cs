using Hangfire;
using PeerBot.Scheduler.Delivery;
using PeerBot.Scheduler.Schedules;

namespace PeerBot.Scheduler.Rounds;

/// <summary>
/// The workspace's recurring pairing round. Hangfire fires it on the cron in the workspace's zone; the job
/// itself decides whether this week is a round week and not a break, and the round's run key (the local date)
/// makes a retry, an overlapping instance or a re-delivery after Hangfire's invisibility timeout a no-op.
/// </summary>
public sealed class PairingRoundJob(PairingRound round, WorkspaceSettingsStore settings, TimeProvider clock)
{
    [AutomaticRetry(Attempts = 3)]
    public async Task RunScheduledAsync(Guid workspaceId, CancellationToken ct)
    {
        var s = await settings.GetAsync(workspaceId, ct);
        var today = TimeZones.LocalDate(s.Zone, clock.GetUtcNow());
        if (!RoundCalendar.Fires(s.PairingEveryWeeks, s.PairingAnchor, s.Window.Breaks, today))
        {
            return;
        }

        await round.RunAsync(workspaceId, $"scheduled:{today:yyyy-MM-dd}", Urgency.Scheduled, RoundScope.Full, ct);
    }
}
