using Npgsql;
using PeerBot.Scheduler.Workspaces;

namespace PeerBot.Scheduler.Schedules;

/// <summary>Reads and changes a workspace's rhythm. Every instance forgets its cached copy of a changed workspace, so the next request anywhere sees the change.</summary>
public sealed class WorkspaceSettingsStore(NpgsqlDataSource db, WorkspaceChanges changes)
{
    public async Task<WorkspaceSettings> GetAsync(Guid workspaceId, CancellationToken ct)
    {
        var s = await ReadRhythmAsync(workspaceId, ct);
        var breaks = await BreaksAsync(workspaceId, ct);
        return new WorkspaceSettings(workspaceId, s.TimeZone, s.Pairing, s.Every, s.Anchor, s.CheckIn, s.Pod, new SendingWindow(s.From, s.Until, breaks))
        {
            IntroChannel = s.Channel,
            IntroChannelName = s.ChannelName,
            VideoLink = s.Video,
        };
    }

    // The reader is disposed exactly once, at the end of this method. Npgsql reuses one reader object per physical
    // connection: disposing it a second time after the connection went back to the pool closes someone else's query.
    private async Task<(string TimeZone, string Pairing, int Every, DateOnly Anchor, string CheckIn, int Pod, TimeOnly From, TimeOnly Until, string? Channel, string? ChannelName, string? Video)> ReadRhythmAsync(
        Guid workspaceId, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            select time_zone, pairing_schedule, pairing_every_weeks, pairing_anchor, checkin_schedule, pod_size, send_from, send_until,
                   intro_channel, intro_channel_name, video_link
            from workspaces where id = $1
            """);
        cmd.Parameters.Add(new() { Value = workspaceId });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct))
        {
            throw new InvalidOperationException($"No workspace {workspaceId}");
        }

        return (r.GetString(0), r.GetString(1), r.GetInt32(2), r.GetFieldValue<DateOnly>(3), r.GetString(4), r.GetInt32(5),
            r.GetFieldValue<TimeOnly>(6), r.GetFieldValue<TimeOnly>(7), r.IsDBNull(8) ? null : r.GetString(8), r.IsDBNull(9) ? null : r.GetString(9), r.IsDBNull(10) ? null : r.GetString(10));
    }

    public Task SetTimeZoneAsync(Guid id, string zone, CancellationToken ct) => UpdateAsync(id, "time_zone = $2", ct, zone);

    public Task SetPairingScheduleAsync(Guid id, string cron, int everyWeeks, DateOnly anchor, CancellationToken ct) =>
        UpdateAsync(id, "pairing_schedule = $2, pairing_every_weeks = $3, pairing_anchor = $4", ct, cron, everyWeeks, anchor);

    public Task SetCheckInScheduleAsync(Guid id, string cron, CancellationToken ct) => UpdateAsync(id, "checkin_schedule = $2", ct, cron);

    /// <summary>Introductions go to this channel from now on; null brings them back to the pairs' own conversations.</summary>
    public Task SetIntroChannelAsync(Guid id, string? channel, string? name, CancellationToken ct) =>
        UpdateAsync(id, "intro_channel = $2, intro_channel_name = $3", ct, (object?)channel ?? DBNull.Value, (object?)name ?? DBNull.Value);

    /// <summary>The video-call link for introductions and invitations; null removes it.</summary>
    public Task SetVideoLinkAsync(Guid id, string? link, CancellationToken ct) => UpdateAsync(id, "video_link = $2", ct, (object?)link ?? DBNull.Value);

    public Task SetPodSizeAsync(Guid id, int size, CancellationToken ct) => UpdateAsync(id, "pod_size = $2", ct, size);

    public Task SetSendingHoursAsync(Guid id, TimeOnly from, TimeOnly until, CancellationToken ct) => UpdateAsync(id, "send_from = $2, send_until = $3", ct, from, until);

    public async Task AddBreakAsync(Guid id, SchoolBreak schoolBreak, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("insert into school_breaks (workspace_id, starts, ends) values ($1, $2, $3)");
        cmd.Parameters.Add(new() { Value = id });
        cmd.Parameters.Add(new() { Value = schoolBreak.Starts });
        cmd.Parameters.Add(new() { Value = schoolBreak.Ends });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private async Task<IReadOnlyList<SchoolBreak>> BreaksAsync(Guid id, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("select starts, ends from school_breaks where workspace_id = $1 order by starts");
        cmd.Parameters.Add(new() { Value = id });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<SchoolBreak>();
        while (await r.ReadAsync(ct))
        {
            list.Add(new SchoolBreak(r.GetFieldValue<DateOnly>(0), r.GetFieldValue<DateOnly>(1)));
        }

        return list;
    }

    private async Task UpdateAsync(Guid id, string set, CancellationToken ct, params object[] values)
    {
        await using var cmd = db.CreateCommand($"update workspaces set {set} where id = $1");
        cmd.Parameters.Add(new() { Value = id });
        foreach (var v in values)
        {
            cmd.Parameters.Add(new() { Value = v });
        }

        await cmd.ExecuteNonQueryAsync(ct);
        await changes.PublishAsync(id, ct);
    }
}
