using Hangfire;
using PeerBot.Scheduler.Delivery;
using PeerBot.Scheduler.Members;
using PeerBot.Scheduler.Persistence;
using PeerBot.Scheduler.Schedules;

namespace PeerBot.Scheduler.Rounds;

/// <summary>
/// After class on the school day before a round, one DM to each member the round would pair (as planned now: paused and
/// skipping members are not in it), with <em>Skip this one</em> and <em>Pause…</em>. Keyed by round day and member, so a
/// retried or doubly-run job sends nobody two.
/// </summary>
public sealed class RoundHeadsUpJob(
    UnitOfWorkSource units,
    PairingRound round,
    MemberDirectory members,
    WorkspaceSettingsStore settings,
    TimeProvider clock)
{
    /// <summary>After class, in the workspace's zone, every school day: the job decides whether a round follows.</summary>
    public const string Cron = "30 15 * * 1-5";

    [AutomaticRetry(Attempts = 3)]
    public async Task RunScheduledAsync(Guid workspaceId, CancellationToken ct)
    {
        var s = await settings.GetAsync(workspaceId, ct);
        var now = clock.GetUtcNow();
        var today = TimeZones.LocalDate(s.Zone, now);
        if (!s.Window.IsSchoolDay(today)
            || RoundCalendar.Next(s.PairingSchedule, s.PairingEveryWeeks, s.PairingAnchor, s.Zone, s.Window.Breaks, now) is not { } next)
        {
            return;
        }

        var roundDay = TimeZones.LocalDate(s.Zone, next);
        if (roundDay <= today || RoundHeadsUp.SchoolDayBefore(roundDay, s.Window) != today)
        {
            return;
        }

        await SendAsync(workspaceId, roundDay, today, ct);
    }

    /// <summary>The heads-up for the next scheduled round, whatever today is (the simulator's time panel); how many it queued.</summary>
    public async Task<(DateOnly? RoundDay, int Sent)> SendForNextRoundAsync(Guid workspaceId, CancellationToken ct)
    {
        var s = await settings.GetAsync(workspaceId, ct);
        var now = clock.GetUtcNow();
        return RoundCalendar.Next(s.PairingSchedule, s.PairingEveryWeeks, s.PairingAnchor, s.Zone, s.Window.Breaks, now) is { } next
            ? (TimeZones.LocalDate(s.Zone, next), await SendAsync(workspaceId, TimeZones.LocalDate(s.Zone, next), TimeZones.LocalDate(s.Zone, now), ct))
            : (null, 0);
    }

    private async Task<int> SendAsync(Guid workspaceId, DateOnly roundDay, DateOnly today, CancellationToken ct)
    {
        var plan = await round.PlanAsync(workspaceId, RoundScope.Full, $"scheduled:{roundDay:yyyy-MM-dd}", ct);
        var paired = plan.Pairings.SelectMany(p => p.UserIds).ToHashSet(StringComparer.Ordinal);
        var message = RoundHeadsUp.Message(roundDay, tomorrow: roundDay == today.AddDays(1));
        var entries = (await members.ListAsync(workspaceId, ct))
            .Where(m => paired.Contains(m.ExternalUserId))
            .Select(m => new OutboxEntry($"heads-up:{roundDay:yyyy-MM-dd}:{m.Id:N}", [m.ExternalUserId], "round heads-up", message, Urgency.Scheduled)
                { MemberId = m.Id, TimeZones = [m.Profile.TimeZone] })
            .ToList();
        await using var work = await units.BeginAsync(ct);
        var sent = await work.SendAsync(workspaceId, entries, ct);
        await work.CommitAsync(ct);
        return sent;
    }
}
