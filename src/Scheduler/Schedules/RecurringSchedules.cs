using Hangfire;
using PeerBot.Scheduler.CheckIns;
using PeerBot.Scheduler.Pulse;
using PeerBot.Scheduler.Rounds;

namespace PeerBot.Scheduler.Schedules;

/// <summary>
/// One set of Hangfire recurring jobs per workspace, in the workspace's time zone (Hangfire follows DST).
/// AddOrUpdate is idempotent, so every instance may call it; the jobs themselves guard against running twice.
/// </summary>
public sealed class RecurringSchedules(IRecurringJobManager jobs, WorkspaceSettingsStore settings, PulseSchedule pulse)
{
    public static string PairingJobId(Guid workspaceId) => $"pairing-round:{workspaceId:N}";

    public static string CheckInJobId(Guid workspaceId) => $"checkin-nudge:{workspaceId:N}";

    public static string FollowUpJobId(Guid workspaceId) => $"mentor-follow-up:{workspaceId:N}";

    public async Task SyncAsync(Guid workspaceId, CancellationToken ct)
    {
        var s = await settings.GetAsync(workspaceId, ct);
        var options = new RecurringJobOptions { TimeZone = s.Zone };
        jobs.AddOrUpdate<PairingRoundJob>(PairingJobId(workspaceId), j => j.RunScheduledAsync(workspaceId, CancellationToken.None), s.PairingSchedule, options);
        jobs.AddOrUpdate<CheckInNudgeJob>(CheckInJobId(workspaceId), j => j.RunScheduledAsync(workspaceId, CancellationToken.None), s.CheckInSchedule, options);
        // Declined or expired mentor proposals go to the next best mentor every school morning.
        jobs.AddOrUpdate<MentorFollowUpJob>(FollowUpJobId(workspaceId), j => j.RunAsync(workspaceId, CancellationToken.None), "0 9 * * 1-5", options);
        // The wellness pulse follows the same zone (its own rhythm lives in pulse_settings).
        await pulse.SyncAsync(workspaceId, ct);
    }

    public async Task SyncAllAsync(CancellationToken ct)
    {
        foreach (var id in await settings.WorkspaceIdsAsync(ct))
        {
            await SyncAsync(id, ct);
        }
    }
}
