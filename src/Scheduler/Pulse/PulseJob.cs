using Hangfire;
using Microsoft.Extensions.Logging;
using PeerBot.Matching.Pulse;
using PeerBot.Scheduler.Delivery;
using PeerBot.Scheduler.Members;
using PeerBot.Scheduler.Persistence;
using PeerBot.Scheduler.Schedules;

namespace PeerBot.Scheduler.Pulse;

/// <summary>
/// Opens a pulse on the workspace's rhythm (or at once for an admin), DMs every member who is not paused,
/// reminds only those who have not answered after two days, and closes it after five. Every message is keyed
/// by pulse + member + purpose, so a retried job sends nothing twice. The pulse, who was asked, their invitations
/// and its reminder and close jobs commit in one unit of work (the jobs reach Hangfire through the job relay, and
/// both are idempotent); <see cref="SweepAsync"/> still reminds and closes any pulse whose jobs never ran.
/// </summary>
public sealed partial class PulseJob(
    UnitOfWorkSource units,
    PulseStore pulses,
    PulseSettingsStore pulseSettings,
    WorkspaceSettingsStore settings,
    MemberDirectory members,
    AnonymityRules rules,
    TimeProvider clock,
    ILogger<PulseJob> log) : IDueSweep
{
    public static readonly TimeSpan ReminderAfter = TimeSpan.FromDays(2), OpenFor = TimeSpan.FromDays(5);

    [AutomaticRetry(Attempts = 3)]
    public async Task RunScheduledAsync(Guid workspaceId, CancellationToken ct)
    {
        var s = await settings.GetAsync(workspaceId, ct);
        var p = await pulseSettings.GetAsync(workspaceId, ct);
        var today = TimeZones.LocalDate(s.Zone, clock.GetUtcNow());
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
        var week = TimeZones.LocalDate(s.Zone, now);
        var pulseSettingsNow = await pulseSettings.GetAsync(workspaceId, ct);
        var reachable = (await members.ListAsync(workspaceId, ct)).Where(m => !m.IsPausedAt(now)).ToList();
        var promise = PulsePromise.For(rules, pulseSettingsNow);

        await using var work = await units.BeginAsync(ct);
        var (pulse, created) = await PulseStore.OpenAsync(work, workspaceId, runKey, week, pulseSettingsNow.Questions, now, now + OpenFor, ct);
        if (created)
        {
            var pulseId = pulse.Id;
            await PulseStore.InviteAsync(work, pulseId, [.. reachable.Select(m => (m.Id, m.Profile.Cohort))], ct);
            await work.SendAsync(workspaceId, [.. reachable.Select(m => Entry(pulse, m, "invite", PulseMessages.Question(pulse, "", promise), urgency))], ct);
            if (OpenFor > ReminderAfter)
            {
                await work.ScheduleAsync<PulseJob>($"pulse:{pulseId:N}:remind", j => j.RemindAsync(pulseId, CancellationToken.None), now + ReminderAfter, ct);
            }

            await work.ScheduleAsync<PulseJob>($"pulse:{pulseId:N}:close", j => j.CloseAsync(pulseId, CancellationToken.None), pulse.ClosesAt, ct);
        }

        await work.CommitAsync(ct);
        return (pulse, reachable.Count, created);
    }

    [AutomaticRetry(Attempts = 3)]
    public async Task RemindAsync(Guid pulseId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (await pulses.FindAsync(pulseId, ct) is not { } pulse || pulse.ClosesAt <= now)
        {
            return;
        }

        var waiting = await pulses.NotAnsweredAsync(pulseId, ct);
        var promise = PulsePromise.For(rules, await pulseSettings.GetAsync(pulse.WorkspaceId, ct));
        var entries = (await members.ListAsync(pulse.WorkspaceId, ct))
            .Where(m => waiting.Contains(m.Id) && !m.IsPausedAt(now))
            .Select(m => Entry(pulse, m, "reminder", PulseMessages.Question(pulse, "", promise, reminder: true), Urgency.Scheduled))
            .ToList();
        await using var work = await units.BeginAsync(ct);
        if (!await PulseStore.MarkRemindedAsync(work, pulseId, ct))
        {
            return;
        }

        await work.SendAsync(pulse.WorkspaceId, entries, ct);
        await work.CommitAsync(ct);
    }

    [AutomaticRetry(Attempts = 3)]
    public async Task<bool> CloseAsync(Guid pulseId, CancellationToken ct)
    {
        await using var work = await units.BeginAsync(ct);
        if (!await PulseStore.CloseAsync(work, pulseId, ct))
        {
            return false;
        }

        await work.CommitAsync(ct);
        return true;
    }

    /// <summary>Closes every pulse past its closing time and sends every reminder that is due and unsent. Idempotent; runs on every instance.</summary>
    public async Task<int> SweepAsync(CancellationToken ct)
    {
        var (toClose, toRemind) = await pulses.DueAsync(clock.GetUtcNow(), ReminderAfter, ct);
        var closed = 0;
        foreach (var id in toClose)
        {
            closed += await CloseAsync(id, ct) ? 1 : 0;
        }

        foreach (var id in toRemind)
        {
            await RemindAsync(id, ct);
        }

        if (closed > 0)
        {
            LogSwept(closed);
        }

        return closed;
    }

    private static OutboxEntry Entry(OpenPulse pulse, Member m, string purpose, Chat.ChatMessage message, Urgency urgency) =>
        new($"{PulseStore.DeliveryKeyPrefix(pulse.Id)}{m.Id:N}:{purpose}", [m.ExternalUserId], $"pulse {purpose}", message, urgency)
        {
            MemberId = m.Id,
            TimeZones = [m.Profile.TimeZone],
        };

    [LoggerMessage(Level = LogLevel.Information, Message = "Sweeper closed {Count} pulse(s) past their closing time")]
    private partial void LogSwept(int count);
}
