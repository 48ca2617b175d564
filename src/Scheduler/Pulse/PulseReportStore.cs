using Npgsql;
using PeerBot.Matching.Pulse;

namespace PeerBot.Scheduler.Pulse;

/// <summary>Reads what reports are built from: only aggregates (tallies, counts) ever leave the database.</summary>
public sealed class PulseReportStore(NpgsqlDataSource db)
{
    public async Task<IReadOnlyList<PulseRound>> RoundsAsync(Guid workspaceId, DateOnly since, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            select p.id, p.week, p.questions::text,
                   coalesce(p.invited, (select count(*) from pulse_participation x where x.pulse_id = p.id))::int,
                   coalesce(p.answered, (select count(*) from pulse_participation x where x.pulse_id = p.id and x.answered))::int,
                   not p.closed
            from pulses p where p.workspace_id = $1 and p.week > $2 order by p.week, p.opened_at
            """);
        cmd.Parameters.Add(new() { Value = workspaceId });
        cmd.Parameters.Add(new() { Value = since });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var rounds = new List<PulseRound>();
        while (await r.ReadAsync(ct))
        {
            rounds.Add(new PulseRound(r.GetGuid(0), r.GetFieldValue<DateOnly>(1), PulseSettingsStore.ReadQuestions(r.GetString(2)), r.GetInt32(3), r.GetInt32(4), r.GetBoolean(5)));
        }

        return rounds;
    }

    /// <summary>Answers counted by pulse, cohort, question and value: sealed tallies of closed pulses only (an open pulse's counts never leave).</summary>
    public async Task<IReadOnlyList<AnswerTally>> TalliesAsync(IReadOnlyList<Guid> pulseIds, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            select t.pulse_id, t.cohort, t.question, t.value, t.answers from pulse_tallies t join pulses p on p.id = t.pulse_id
            where t.pulse_id = any($1) and p.closed and t.answers > 0
            """);
        cmd.Parameters.Add(new() { Value = pulseIds.ToArray() });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var tallies = new List<AnswerTally>();
        while (await r.ReadAsync(ct))
        {
            tallies.Add(new AnswerTally(r.GetGuid(0), r.IsDBNull(1) ? null : r.GetString(1), r.GetInt16(2), r.GetInt16(3), r.GetInt32(4)));
        }

        return tallies;
    }

    /// <summary>Comments of these pulses once closed, in one round trip (order is meaningless: callers shuffle).</summary>
    public async Task<ILookup<Guid, string>> CommentsAsync(IReadOnlyList<Guid> pulseIds, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("select c.pulse_id, c.body from pulse_comments c join pulses p on p.id = c.pulse_id where c.pulse_id = any($1) and p.closed");
        cmd.Parameters.Add(new() { Value = pulseIds.ToArray() });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var comments = new List<(Guid, string)>();
        while (await r.ReadAsync(ct))
        {
            comments.Add((r.GetGuid(0), r.GetString(1)));
        }

        return comments.ToLookup(c => c.Item1, c => c.Item2);
    }

    /// <summary>
    /// Mentoring health from the pairing and check-in tables; null when this database has none yet. Only weeks that are
    /// over count, as answered by their end (<paramref name="weekStart"/> is this week's Monday, <paramref name="weekStartsAt"/>
    /// its first instant): two reports on different days, or with different week filters, differ by whole weeks at most.
    /// A week rated by fewer people than the threshold never enters the mean, so no difference of two means isolates it;
    /// the share that met is shown only over as many pairings as the threshold.
    /// </summary>
    public async Task<MentoringHealth?> MentoringAsync(Guid workspaceId, DateOnly weekStart, DateTimeOffset weekStartsAt, DateOnly since, SuppressionThreshold threshold, CancellationToken ct)
    {
        await using (var exists = db.CreateCommand("select to_regclass('public.pairings') is not null and to_regclass('public.checkins') is not null"))
        {
            if (await exists.ExecuteScalarAsync(ct) is not true)
            {
                return null;
            }
        }

        await using var cmd = db.CreateCommand("""
            select (select count(*) from pairings where workspace_id = $1 and status = 'active')::int,
                   (select count(distinct c.pairing_id) from checkins c join pairings p on p.id = c.pairing_id
                     where p.workspace_id = $1 and p.status = 'active' and c.week = $2 - 7 and c.answer = 'met' and c.answered_at < $4)::int,
                   (select sum(w.total)::float8 / nullif(sum(w.n), 0) from (
                        select sum(c.rating) as total, count(*) as n from checkins c join pairings p on p.id = c.pairing_id
                        where p.workspace_id = $1 and c.week > $3 and c.week < $2 and c.rating is not null and c.answered_at < $4
                        group by c.week having count(*) >= $5) w),
                   (select count(*) from checkins c join pairings p on p.id = c.pairing_id
                     where p.workspace_id = $1 and c.week > $3 and c.week < $2 and c.rating is not null and c.answered_at < $4)::int
            """);
        cmd.Parameters.Add(new() { Value = workspaceId });
        cmd.Parameters.Add(new() { Value = weekStart });
        cmd.Parameters.Add(new() { Value = since });
        cmd.Parameters.Add(new() { Value = weekStartsAt.ToUniversalTime() });
        cmd.Parameters.Add(new() { Value = threshold.Value });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        await r.ReadAsync(ct);
        var active = r.GetInt32(0);
        var ratings = r.GetInt32(3);
        return new MentoringHealth(active, threshold.Allows(active) ? (double)r.GetInt32(1) / active : null,
            r.IsDBNull(2) ? null : r.GetDouble(2), ratings);
    }
}
