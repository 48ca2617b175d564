using Dapper;
using Npgsql;
using PeerBot.Scheduler.Persistence;

namespace PeerBot.Scheduler.CheckIns;

/// <summary>Check-in answers in PostgreSQL: read on their own, written inside a unit of work.</summary>
public sealed class CheckInStore(NpgsqlDataSource db)
{
    /// <summary>Records (or changes) one person's answer for the week; a rating only with "met".</summary>
    public static Task RecordAsync(UnitOfWork work, Guid pairingId, Guid memberId, DateOnly week, CheckInAnswer answer, int? rating, DateTimeOffset at, CancellationToken ct) =>
        work.ExecuteAsync("""
            insert into checkins (pairing_id, member_id, week, answer, rating, answered_at) values (@pairingId, @memberId, @week, @answer, @rating, @at)
            on conflict (pairing_id, member_id, week) do update set answer = excluded.answer,
                rating = coalesce(excluded.rating, case when excluded.answer = @met then checkins.rating end), answered_at = excluded.answered_at
            """, new { pairingId, memberId, week, answer = StateText.Of(answer), rating, at, met = StateText.Of(CheckInAnswer.Met) }, ct);

    /// <summary>Pairings where somebody answered for the week.</summary>
    public Task<IReadOnlySet<Guid>> AnsweredAsync(Guid workspaceId, DateOnly week, CancellationToken ct) =>
        IdsAsync("select distinct c.pairing_id from checkins c join pairings p on p.id = c.pairing_id where p.workspace_id = @workspaceId and c.week = @week",
            new { workspaceId, week }, ct);

    /// <summary>Pairings with a "met" since <paramref name="sinceWeek"/>.</summary>
    public Task<IReadOnlySet<Guid>> MetSinceAsync(Guid workspaceId, DateOnly sinceWeek, CancellationToken ct) =>
        IdsAsync("select distinct c.pairing_id from checkins c join pairings p on p.id = c.pairing_id where p.workspace_id = @workspaceId and c.week >= @sinceWeek and c.answer = @met",
            new { workspaceId, sinceWeek, met = StateText.Of(CheckInAnswer.Met) }, ct);

    private async Task<IReadOnlySet<Guid>> IdsAsync(string sql, object parameters, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<Guid>(new CommandDefinition(sql, parameters, cancellationToken: ct))).ToHashSet();
    }
}
