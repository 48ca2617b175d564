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
                   (select count(*) from pulse_participation x where x.pulse_id = p.id)::int,
                   (select count(*) from pulse_participation x where x.pulse_id = p.id and x.answered)::int
            from pulses p where p.workspace_id = $1 and p.week > $2 order by p.week, p.opened_at
            """);
        cmd.Parameters.Add(new() { Value = workspaceId });
        cmd.Parameters.Add(new() { Value = since });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var rounds = new List<PulseRound>();
        while (await r.ReadAsync(ct))
        {
            rounds.Add(new PulseRound(r.GetGuid(0), r.GetFieldValue<DateOnly>(1), PulseSettingsStore.ReadQuestions(r.GetString(2)), r.GetInt32(3), r.GetInt32(4)));
        }

        return rounds;
    }

    /// <summary>Answers counted by pulse, cohort, question and value — the database does the counting.</summary>
    public async Task<IReadOnlyList<AnswerTally>> TalliesAsync(IReadOnlyList<Guid> pulseIds, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            select pulse_id, cohort, question, value, count(*)::int from pulse_answers
            where pulse_id = any($1) group by pulse_id, cohort, question, value
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

    public async Task<IReadOnlyList<string>> CommentsAsync(Guid pulseId, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("select body from pulse_comments where pulse_id = $1");
        cmd.Parameters.Add(new() { Value = pulseId });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var comments = new List<string>();
        while (await r.ReadAsync(ct))
        {
            comments.Add(r.GetString(0));
        }

        return comments;
    }

    /// <summary>Mentoring health from the pairing and check-in tables; null when this database has none yet.</summary>
    public async Task<MentoringHealth?> MentoringAsync(Guid workspaceId, DateOnly week, DateOnly since, SuppressionThreshold threshold, CancellationToken ct)
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
                     where p.workspace_id = $1 and p.status = 'active' and c.week = $2 and c.answer = 'met')::int,
                   (select avg(c.rating)::float8 from checkins c join pairings p on p.id = c.pairing_id where p.workspace_id = $1 and c.week > $3 and c.rating is not null),
                   (select count(*) from checkins c join pairings p on p.id = c.pairing_id where p.workspace_id = $1 and c.week > $3 and c.rating is not null)::int
            """);
        cmd.Parameters.Add(new() { Value = workspaceId });
        cmd.Parameters.Add(new() { Value = week });
        cmd.Parameters.Add(new() { Value = since });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        await r.ReadAsync(ct);
        var active = r.GetInt32(0);
        var ratings = r.GetInt32(3);
        return new MentoringHealth(active, active == 0 ? null : (double)r.GetInt32(1) / active,
            threshold.Allows(ratings) && !r.IsDBNull(2) ? r.GetDouble(2) : null, ratings);
    }
}
