using Hangfire;
using PeerBot.Scheduler.Schedules;

namespace PeerBot.Scheduler.Pulse;

/// <summary>
/// The workspace's recurring pulse job, in its own time zone, named like the other per-workspace jobs
/// (<c>{kind}:{workspaceId:N}</c>) so that an uninstall removes it with them. Idempotent.
/// </summary>
public sealed class PulseSchedule(IRecurringJobManager jobs, WorkspaceSettingsStore settings, PulseSettingsStore pulses)
{
    public static string JobId(Guid workspaceId) => $"pulse:{workspaceId:N}";

    public async Task SyncAsync(Guid workspaceId, CancellationToken ct)
    {
        var zone = (await settings.GetAsync(workspaceId, ct)).Zone;
        var cron = (await pulses.GetAsync(workspaceId, ct)).Schedule;
        jobs.AddOrUpdate<PulseJob>(JobId(workspaceId), j => j.RunScheduledAsync(workspaceId, CancellationToken.None), cron, new RecurringJobOptions { TimeZone = zone });
    }
}
