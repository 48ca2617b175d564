using Hangfire;
using PeerBot.Scheduler.Delivery;
using PeerBot.Scheduler.Persistence;
using PeerBot.Scheduler.Schedules;

namespace PeerBot.Scheduler.Rounds;

/// <summary>Every school morning: proposals unanswered for three days expire, and declined or expired mentees go to the next best mentor.</summary>
public sealed class MentorFollowUpJob(UnitOfWorkSource units, PairingRound round, WorkspaceSettingsStore settings, TimeProvider clock)
{
    [AutomaticRetry(Attempts = 3)]
    public async Task RunAsync(Guid workspaceId, CancellationToken ct)
    {
        var s = await settings.GetAsync(workspaceId, ct);
        var now = clock.GetUtcNow();
        var today = TimeZones.LocalDate(s.Zone, now);
        await using (var work = await units.BeginAsync(ct))
        {
            await PairingStore.ExpireProposalsAsync(work, workspaceId, now, ct);
            await work.CommitAsync(ct);
        }

        if (!s.Window.IsSchoolDay(today))
        {
            return;
        }

        await round.RunAsync(workspaceId, $"follow-up:{today:yyyy-MM-dd}", Urgency.Scheduled, RoundScope.FollowUp, ct);
    }
}
