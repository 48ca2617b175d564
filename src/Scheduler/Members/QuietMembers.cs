using Npgsql;
using PeerBot.Scheduler.Persistence;

namespace PeerBot.Scheduler.Members;

/// <summary>
/// Members who went quiet: paired through the workspace's last <c>quiet_rounds</c> full rounds (default 3) without
/// their pairing ever meeting and without answering a single check-in themselves. A round pauses them with a kind note.
/// </summary>
public sealed class QuietMembers(NpgsqlDataSource db)
{
    public const int DefaultRounds = 3;
    public const int MaxRounds = 12;

    /// <summary>How long a quiet member stays paused unless they come back sooner.</summary>
    public static readonly TimeSpan PausedFor = TimeSpan.FromDays(7 * 26);

    public async Task<int> RoundsAsync(Guid workspaceId, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("select quiet_rounds from workspaces where id = $1");
        cmd.Parameters.Add(new() { Value = workspaceId });
        return await cmd.ExecuteScalarAsync(ct) is int n ? n : DefaultRounds;
    }

    public async Task SetRoundsAsync(Guid workspaceId, int rounds, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("update workspaces set quiet_rounds = $2 where id = $1");
        cmd.Parameters.Add(new() { Value = workspaceId });
        cmd.Parameters.Add(new() { Value = rounds });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Members paused for being quiet who have not come back yet.</summary>
    public async Task<long> CountAsync(Guid workspaceId, DateTimeOffset now, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("select count(*) from members where workspace_id = $1 and quiet_since is not null and paused_until > $2");
        cmd.Parameters.Add(new() { Value = workspaceId });
        cmd.Parameters.Add(new() { Value = now });
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>
    /// Who went quiet, read inside the round's unit of work (before the round plans). Counted rounds are full rounds
    /// (not follow-ups or mentor requests) since the later of: their first pairing still on record, their last check-in
    /// answer, the last "we met" on any of their pairings, and their coming back.
    /// </summary>
    public static Task<IReadOnlyList<QuietMember>> FindAsync(UnitOfWork work, Guid workspaceId, DateTimeOffset now, CancellationToken ct) =>
        work.QueryAsync<QuietMember>("""
            select m.id, m.external_user_id as externaluserid, m.time_zone as timezone
            from members m join workspaces w on w.id = m.workspace_id
            where m.workspace_id = @workspaceId and (m.paused_until is null or m.paused_until <= @now)
              and exists (select 1 from pairing_members pm where pm.member_id = m.id)
              and (select count(*) from pairing_rounds r
                   where r.workspace_id = @workspaceId and r.run_key not like 'follow-up:%' and r.run_key not like 'mentor-request:%'
                     and r.ran_at >= greatest(
                         (select min(p.created_at) from pairings p join pairing_members pm on pm.pairing_id = p.id where pm.member_id = m.id),
                         coalesce((select max(c.answered_at) from checkins c where c.member_id = m.id), '-infinity'),
                         coalesce((select max(c.answered_at) from checkins c join pairing_members pm on pm.pairing_id = c.pairing_id
                                   where pm.member_id = m.id and c.answer = 'met'), '-infinity'),
                         coalesce(m.back_at, '-infinity'))) >= w.quiet_rounds
            order by m.joined_at, m.id
            """, new { workspaceId, now }, ct);

    /// <summary>Pauses them with the round's decision; <c>resume</c> or "I'm back" ends it.</summary>
    public static Task<int> PauseAsync(UnitOfWork work, IReadOnlyList<Guid> memberIds, DateTimeOffset now, CancellationToken ct) =>
        work.ExecuteAsync("update members set paused_until = @until, quiet_since = @now, updated_at = @now where id = any(@memberIds)",
            new { memberIds = memberIds.ToArray(), until = now + PausedFor, now }, ct);
}
