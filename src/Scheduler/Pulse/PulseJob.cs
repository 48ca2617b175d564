using Hangfire;
using PeerBot.Scheduler.Delivery;
using PeerBot.Scheduler.Members;
using PeerBot.Scheduler.Schedules;

namespace PeerBot.Scheduler.Pulse;

/// <summary>
/// Opens a pulse on the workspace's rhythm (or at once for an admin), DMs every member who is not paused,
/// reminds only those who have not answered after two days, and closes it after five. Every message is keyed
/// by pulse + member + purpose, so a retried job sends nothing twice.
/// </summary>
public sealed class PulseJob(
    PulseStore pulses,
    PulseSettingsStore pulseSettings,
    WorkspaceSettingsStore settings,
    MemberDirectory members,
    Outbox outbox,
    IBackgroundJobClient jobs,
    TimeProvider clock)
{
    public static readonly TimeSpan ReminderAfter = TimeSpan.FromDays(2), OpenFor = TimeSpan.FromDays(5);

    [AutomaticRetry(Attempts = 3)]
    public async Task RunScheduledAsync(Guid workspaceId, CancellationToken ct)
    {
        var s = await settings.GetAsync(workspaceId, ct);
        var p = await pulseSettings.GetAsync(workspaceId, ct);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), s.Zone).DateTime);
        if (!Schedules.RoundCalendar.Fires(p.EveryWeeks, p.Anchor, s.Window.Breaks, today))
        {
            return;
        }

        await OpenAsync(workspaceId, $"scheduled:{today:yyyy-MM-dd}", Urgency.Scheduled, ct);
    }

    /// <summary>Opens (once per run key) and invites; returns the pulse, how many were asked, and whether it is new.</summary>
    public async Task<(OpenPulse Pulse, int Invited, bool Created)> OpenAsync(Guid workspaceId, string runKey, Urgency urgency, CancellationToken ct)
    {
        var s = await settings.GetAsync(workspaceId, ct);
        var now = clock.GetUtcNow();
        var week = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, s.Zone).DateTime);
        var questions = (await pulseSettings.GetAsync(workspaceId, ct)).Questions;
        var (pulse, created) = await pulses.OpenAsync(workspaceId, runKey, week, questions, now, now + OpenFor, ct);
        var reachable = (await members.ListAsync(workspaceId, ct)).Where(m => !m.IsPausedAt(now)).ToList();
        await pulses.InviteAsync(pulse.Id, [.. reachable.Select(m => m.Id)], ct);
        await outbox.EnqueueAsync(workspaceId, [.. reachable.Select(m => Entry(pulse, m, "invite", PulseMessages.Question(pulse, ""), urgency))], ct);
        if (created)
        {
            jobs.Schedule<PulseJob>(j => j.RemindAsync(pulse.Id, CancellationToken.None), ReminderAfter);
            jobs.Schedule<PulseJob>(j => j.CloseAsync(pulse.Id, CancellationToken.None), OpenFor);
        }

        return (pulse, reachable.Count, created);
    }

    [AutomaticRetry(Attempts = 3)]
    public async Task RemindAsync(Guid pulseId, CancellationToken ct)
    {
        if (await pulses.FindAsync(pulseId, ct) is not { } pulse || pulse.ClosesAt <= clock.GetUtcNow())
        {
            return;
        }

        var now = clock.GetUtcNow();
        var waiting = await pulses.NotAnsweredAsync(pulseId, ct);
        var entries = (await members.ListAsync(pulse.WorkspaceId, ct))
            .Where(m => waiting.Contains(m.Id) && !m.IsPausedAt(now))
            .Select(m => Entry(pulse, m, "reminder", PulseMessages.Question(pulse, "", reminder: true), Urgency.Scheduled))
            .ToList();
        await outbox.EnqueueAsync(pulse.WorkspaceId, entries, ct);
    }

    [AutomaticRetry(Attempts = 3)]
    public Task CloseAsync(Guid pulseId, CancellationToken ct) => pulses.CloseAsync(pulseId, ct);

    private static OutboxEntry Entry(OpenPulse pulse, Member m, string purpose, Chat.ChatMessage message, Urgency urgency) =>
        new($"pulse:{pulse.Id:N}:{m.Id:N}:{purpose}", [m.ExternalUserId], $"pulse {purpose}", message, urgency)
        {
            MemberId = m.Id,
            TimeZones = [m.Profile.TimeZone],
        };
}
