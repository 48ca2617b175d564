using Hangfire;
using Hangfire.Storage;
using Npgsql;
using PeerBot.Scheduler.CheckIns;
using PeerBot.Scheduler.Persistence;
using PeerBot.Scheduler.Pulse;
using PeerBot.Scheduler.Rounds;

namespace PeerBot.Scheduler.Schedules;

/// <summary>
/// One set of Hangfire recurring jobs per workspace, in the workspace's time zone (Hangfire follows DST).
/// AddOrUpdate is idempotent, so every instance may call it; the jobs themselves guard against running twice.
/// <c>workspaces.schedules</c> records whether a workspace's jobs are registered, so a workspace first seen
/// by a command gets its default rhythm without waiting for a restart, and an uninstalled one stays silent.
/// </summary>
public sealed class RecurringSchedules(NpgsqlDataSource db, JobStorage storage, IRecurringJobManager jobs, WorkspaceSettingsStore settings, PulseSchedule pulse, ScheduleSignal signal)
{
    public static string PairingJobId(Guid workspaceId) => $"pairing-round:{workspaceId:N}";

    public static string CheckInJobId(Guid workspaceId) => $"checkin-nudge:{workspaceId:N}";

    public static string FollowUpJobId(Guid workspaceId) => $"mentor-follow-up:{workspaceId:N}";
    public static string HeadsUpJobId(Guid workspaceId) => $"round-heads-up:{workspaceId:N}";

    public async Task SyncAsync(Guid workspaceId, CancellationToken ct)
    {
        // Marked synced before reading the settings: a change saved meanwhile marks it pending again, and the keeper's
        // next look registers that too. An uninstalled workspace is left alone.
        if (!await ClaimAsync(workspaceId, ct))
        {
            return;
        }

        try
        {
            var s = await settings.GetAsync(workspaceId, ct);
            var options = new RecurringJobOptions { TimeZone = s.Zone };
            jobs.AddOrUpdate<PairingRoundJob>(PairingJobId(workspaceId), j => j.RunScheduledAsync(workspaceId, CancellationToken.None), s.PairingSchedule, options);
            jobs.AddOrUpdate<CheckInNudgeJob>(CheckInJobId(workspaceId), j => j.RunScheduledAsync(workspaceId, CancellationToken.None), s.CheckInSchedule, options);
            // Declined or expired mentor proposals go to the next best mentor every school morning.
            jobs.AddOrUpdate<MentorFollowUpJob>(FollowUpJobId(workspaceId), j => j.RunAsync(workspaceId, CancellationToken.None), "0 9 * * 1-5", options);
            // The heads-up before a round: looked at after class every school day, sent only on the day before one.
            jobs.AddOrUpdate<RoundHeadsUpJob>(HeadsUpJobId(workspaceId), j => j.RunScheduledAsync(workspaceId, CancellationToken.None), RoundHeadsUpJob.Cron, options);
            // The wellness pulse follows the same zone (its own rhythm lives in pulse_settings).
            await pulse.SyncAsync(workspaceId, ct);
        }
        catch
        {
            await SetStateAsync(workspaceId, ScheduleState.Pending, ScheduleState.Synced, CancellationToken.None);
            throw;
        }

        // Uninstalled while we were registering: take the jobs away again.
        if (await StateAsync(workspaceId, ct) == ScheduleState.Stopped)
        {
            RemoveJobs(workspaceId);
        }
    }

    /// <summary>
    /// The workspace's saved rhythm changed: its jobs are re-registered by the schedule keeper in the background, so a
    /// chat command never waits on Hangfire's storage locks.
    /// </summary>
    public async Task ChangedAsync(Guid workspaceId, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("update workspaces set schedules = $2 where id = $1 and schedules <> $3");
        cmd.Parameters.Add(new() { Value = workspaceId });
        cmd.Parameters.Add(new() { Value = StateText.Of(ScheduleState.Pending) });
        cmd.Parameters.Add(new() { Value = StateText.Of(ScheduleState.Stopped) });
        await cmd.ExecuteNonQueryAsync(ct);
        signal.Wake();
    }

    /// <summary>Every workspace that is not uninstalled (at start: the job definitions follow the running code).</summary>
    public async Task<int> SyncAllAsync(CancellationToken ct) => await SyncWhereAsync("schedules <> $1", ScheduleState.Stopped, ct);

    /// <summary>Workspaces whose jobs are not registered yet (first seen since the last check, or installed again).</summary>
    public async Task<int> SyncPendingAsync(CancellationToken ct) => await SyncWhereAsync("schedules = $1", ScheduleState.Pending, ct);

    /// <summary>Removes every recurring job of the workspace and keeps it unscheduled until it is installed again.</summary>
    public async Task<IReadOnlyList<string>> StopAsync(Guid workspaceId, CancellationToken ct)
    {
        await using (var cmd = db.CreateCommand("update workspaces set schedules = $2 where id = $1"))
        {
            cmd.Parameters.Add(new() { Value = workspaceId });
            cmd.Parameters.Add(new() { Value = StateText.Of(ScheduleState.Stopped) });
            await cmd.ExecuteNonQueryAsync(ct);
        }

        return RemoveJobs(workspaceId);
    }

    private List<string> RemoveJobs(Guid workspaceId)
    {
        var suffix = $":{workspaceId:N}";
        using var connection = storage.GetConnection();
        var removed = connection.GetRecurringJobs().Select(j => j.Id).Where(id => id.EndsWith(suffix, StringComparison.Ordinal)).ToList();
        foreach (var id in removed)
        {
            jobs.RemoveIfExists(id);
        }

        return removed;
    }

    /// <summary>Syncs the workspaces matching <paramref name="condition"/> (our own SQL, its state as <c>$1</c>).</summary>
    private async Task<int> SyncWhereAsync(string condition, ScheduleState state, CancellationToken ct)
    {
        var ids = new List<Guid>();
        await using (var cmd = db.CreateCommand($"select id from workspaces where {condition} order by id"))
        {
            cmd.Parameters.Add(new() { Value = StateText.Of(state) });
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
            {
                ids.Add(r.GetGuid(0));
            }
        }

        foreach (var id in ids)
        {
            await SyncAsync(id, ct);
        }

        return ids.Count;
    }

    private async Task<bool> ClaimAsync(Guid workspaceId, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("update workspaces set schedules = $2 where id = $1 and schedules <> $3");
        cmd.Parameters.Add(new() { Value = workspaceId });
        cmd.Parameters.Add(new() { Value = StateText.Of(ScheduleState.Synced) });
        cmd.Parameters.Add(new() { Value = StateText.Of(ScheduleState.Stopped) });
        return await cmd.ExecuteNonQueryAsync(ct) > 0;
    }

    private async Task SetStateAsync(Guid workspaceId, ScheduleState state, ScheduleState from, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("update workspaces set schedules = $2 where id = $1 and schedules = $3");
        cmd.Parameters.Add(new() { Value = workspaceId });
        cmd.Parameters.Add(new() { Value = StateText.Of(state) });
        cmd.Parameters.Add(new() { Value = StateText.Of(from) });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private async Task<ScheduleState?> StateAsync(Guid workspaceId, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("select schedules from workspaces where id = $1");
        cmd.Parameters.Add(new() { Value = workspaceId });
        return await cmd.ExecuteScalarAsync(ct) is string state ? StateText.Parse<ScheduleState>(state) : null;
    }
}
