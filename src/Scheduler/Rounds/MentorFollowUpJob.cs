using Hangfire;
using PeerBot.Scheduler.Delivery;
using PeerBot.Scheduler.Schedules;

namespace PeerBot.Scheduler.Rounds;

/// <summary>Every school morning: proposals unanswered for three days expire, and declined or expired mentees go to the next best mentor.</summary>
public sealed class MentorFollowUpJob(PairingRound round, PairingStore pairings, WorkspaceSettingsStore settings, TimeProvider clock)
{
    [AutomaticRetry(Attempts = 3)]
    public async Task RunAsync(Guid workspaceId, CancellationToken ct)
    {
        var s = await settings.GetAsync(workspaceId, ct);
        var now = clock.GetUtcNow();
        var today = TimeZones.LocalDate(s.Zone, now);
        await pairings.ExpireProposalsAsync(workspaceId, now, ct);
        if (!s.Window.IsSchoolDay(today))
        {
            return;
        }

        await round.RunAsync(workspaceId, $"follow-up:{today:yyyy-MM-dd}", Urgency.Scheduled, RoundScope.FollowUp, ct);
    }
}
