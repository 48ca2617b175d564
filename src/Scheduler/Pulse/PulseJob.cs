using Hangfire;
using Microsoft.Extensions.Logging;
using Npgsql;
using PeerBot.Matching.Pulse;
using PeerBot.Scheduler.Delivery;
using PeerBot.Scheduler.Members;
using PeerBot.Scheduler.Schedules;

namespace PeerBot.Scheduler.Pulse;

/// <summary>
/// Opens a pulse on the workspace's rhythm (or at once for an admin), DMs every member who is not paused,
/// reminds only those who have not answered after two days, and closes it after five. Every message is keyed
/// by pulse + member + purpose, so a retried job sends nothing twice. The pulse, who was asked and their
/// invitations commit together; the reminder and close jobs are scheduled after, on every run (both are
/// idempotent), and <see cref="SweepAsync"/> does both for any pulse whose jobs never ran.
/// </summary>
public sealed partial class PulseJob(
    NpgsqlDataSource db,
    PulseStore pulses,
    PulseSettingsStore pulseSettings,
    WorkspaceSettingsStore settings,
    MemberDirectory members,
    Outbox outbox,
    IBackgroundJobClient jobs,
    AnonymityRules rules,
    TimeProvider clock,
    ILogger<PulseJob> log)
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

        OpenPulse pulse;
        bool created;
        await using (var conn = await db.OpenConnectionAsync(ct))
        await using (var tx = await conn.BeginTransactionAsync(ct))
        {
            (pulse, created) = await PulseStore.OpenAsync(conn, tx, workspaceId, runKey, week, pulseSettingsNow.Questions, now, now + OpenFor, ct);
            if (created)
            {
                await PulseStore.InviteAsync(conn, tx, pulse.Id, [.. reachable.Select(m => (m.Id, m.Profile.Cohort))], ct);
                await outbox.EnqueueAsync(workspaceId, [.. reachable.Select(m => Entry(pulse, m, "invite", PulseMessages.Question(pulse, "", promise), urgency))], ct, conn, tx);
            }

            await tx.CommitAsync(ct);
        }

        outbox.Wake();
        if (pulse.ClosesAt > now)
        {
            // After the commit, and again on a retry: a duplicate is harmless, a missing one is the sweeper's.
            ScheduleFollowUps(pulse.Id, pulse.ClosesAt - now);
        }

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
        await using (var conn = await db.OpenConnectionAsync(ct))
        await using (var tx = await conn.BeginTransactionAsync(ct))
        {
            if (!await PulseStore.MarkRemindedAsync(conn, tx, pulseId, ct))
            {
                return;
            }

            await outbox.EnqueueAsync(pulse.WorkspaceId, entries, ct, conn, tx);
            await tx.CommitAsync(ct);
        }

        outbox.Wake();
    }

    [AutomaticRetry(Attempts = 3)]
    public Task CloseAsync(Guid pulseId, CancellationToken ct) => pulses.CloseAsync(pulseId, ct);

    /// <summary>Closes every pulse past its closing time and sends every reminder that is due and unsent. Idempotent; runs on every instance.</summary>
    public async Task<int> SweepAsync(CancellationToken ct)
    {
        var (toClose, toRemind) = await pulses.DueAsync(clock.GetUtcNow(), ReminderAfter, ct);
        var closed = 0;
        foreach (var id in toClose)
        {
            closed += await pulses.CloseAsync(id, ct) ? 1 : 0;
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

    private void ScheduleFollowUps(Guid pulseId, TimeSpan closesIn)
    {
        try
        {
            if (closesIn > ReminderAfter)
            {
                jobs.Schedule<PulseJob>(j => j.RemindAsync(pulseId, CancellationToken.None), ReminderAfter);
            }

            jobs.Schedule<PulseJob>(j => j.CloseAsync(pulseId, CancellationToken.None), closesIn);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The pulse is committed: the sweeper (at start and hourly, on every instance) reminds and closes it.
            LogScheduleFailed(pulseId, e);
        }
    }

    private static OutboxEntry Entry(OpenPulse pulse, Member m, string purpose, Chat.ChatMessage message, Urgency urgency) =>
        new($"{PulseStore.DeliveryKeyPrefix(pulse.Id)}{m.Id:N}:{purpose}", [m.ExternalUserId], $"pulse {purpose}", message, urgency)
        {
            MemberId = m.Id,
            TimeZones = [m.Profile.TimeZone],
        };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pulse {PulseId} is open but its reminder and close could not be scheduled; the sweeper will see to both")]
    private partial void LogScheduleFailed(Guid pulseId, Exception e);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sweeper closed {Count} pulse(s) past their closing time")]
    private partial void LogSwept(int count);
}
