using Hangfire;
using PeerBot.Scheduler.Delivery;
using PeerBot.Scheduler.Members;
using PeerBot.Scheduler.Persistence;
using PeerBot.Scheduler.Rounds;
using PeerBot.Scheduler.Schedules;

namespace PeerBot.Scheduler.CheckIns;

/// <summary>
/// The weekly "did you meet?" to every active pairing (none in breaks, none to a pairing with a paused member),
/// one reminder two days later to pairings nobody answered, and a gentle re-plan prompt after three weeks without meeting.
/// Every message is keyed by pairing and week, so a retried job sends nothing twice; the week's nudges and the job that
/// reminds commit together in one unit of work.
/// </summary>
public sealed class CheckInNudgeJob(
    UnitOfWorkSource units,
    PairingStore pairings,
    CheckInStore checkIns,
    MemberDirectory members,
    WorkspaceSettingsStore settings,
    TimeProvider clock)
{
    public static readonly TimeSpan ReminderAfter = TimeSpan.FromDays(2);

    [AutomaticRetry(Attempts = 3)]
    public async Task RunScheduledAsync(Guid workspaceId, CancellationToken ct)
    {
        var s = await settings.GetAsync(workspaceId, ct);
        var now = clock.GetUtcNow();
        var today = TimeZones.LocalDate(s.Zone, now);
        if (s.Window.Breaks.Any(b => b.Contains(today)))
        {
            return;
        }

        var week = CheckInWeek.Of(now, s.Zone);
        var active = await ReachableAsync(workspaceId, now, ct);
        var metRecently = await checkIns.MetSinceAsync(workspaceId, week.AddDays(-21), ct);
        var entries = active.Select(p => p.CreatedAt < now.AddDays(-21) && !metRecently.Contains(p.Id)
                ? Entry($"replan:{p.Id:N}:{week:yyyy-MM-dd}", p, "re-plan prompt", CheckInMessages.Replan(p))
                : Entry($"checkin:{p.Id:N}:{week:yyyy-MM-dd}", p, "check-in", CheckInMessages.Nudge(p, week, reminder: false)))
            .ToList();
        await using var work = await units.BeginAsync(ct);
        await work.SendAsync(workspaceId, entries, ct);
        await work.ScheduleAsync<CheckInNudgeJob>($"checkin-reminder:{workspaceId:N}:{week:yyyy-MM-dd}", j => j.RemindAsync(workspaceId, week, CancellationToken.None), now + ReminderAfter, ct);
        await work.CommitAsync(ct);
    }

    [AutomaticRetry(Attempts = 3)]
    public async Task RemindAsync(Guid workspaceId, DateOnly week, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var answered = await checkIns.AnsweredAsync(workspaceId, week, ct);
        var entries = (await ReachableAsync(workspaceId, now, ct))
            .Where(p => !answered.Contains(p.Id) && p.CreatedAt < now - ReminderAfter)
            .Select(p => Entry($"checkin-reminder:{p.Id:N}:{week:yyyy-MM-dd}", p, "check-in reminder", CheckInMessages.Nudge(p, week, reminder: true)))
            .ToList();
        await using var work = await units.BeginAsync(ct);
        await work.SendAsync(workspaceId, entries, ct);
        await work.CommitAsync(ct);
    }

    /// <summary>Active pairings where nobody is paused: a paused member gets nothing, not even in a group DM.</summary>
    private async Task<IReadOnlyList<Pairing>> ReachableAsync(Guid workspaceId, DateTimeOffset now, CancellationToken ct)
    {
        var paused = (await members.ListAsync(workspaceId, ct)).Where(m => m.IsPausedAt(now)).Select(m => m.Id).ToHashSet();
        return [.. (await pairings.ListAsync(workspaceId, [PairingStatus.Active], ct)).Where(p => !p.Members.Any(m => paused.Contains(m.MemberId)))];
    }

    private static OutboxEntry Entry(string key, Pairing p, string purpose, PeerBot.Scheduler.Chat.ChatMessage message) =>
        new(key, p.UserIds, purpose, message, Urgency.Scheduled) { PairingId = p.Id, TimeZones = [.. p.Members.Select(m => m.TimeZone)] };
}
