using Npgsql;
using PeerBot.Matching.Pulse;

namespace PeerBot.Scheduler.Pulse;

/// <summary>
/// Pulses, participation and answers in PostgreSQL. Answers go in with no link to the person: see
/// <see cref="RecordAsync"/> for how the participation mark and the answers are kept from pointing at each other.
/// </summary>
public sealed class PulseStore(NpgsqlDataSource db)
{
    /// <summary>Opens a pulse once per run key; returns it and whether this call created it.</summary>
    public async Task<(OpenPulse Pulse, bool Created)> OpenAsync(Guid workspaceId, string runKey, DateOnly week, IReadOnlyList<PulseQuestion> questions, DateTimeOffset openedAt, DateTimeOffset closesAt, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            with added as (
                insert into pulses (id, workspace_id, run_key, week, questions, opened_at, closes_at) values ($1, $2, $3, $4, $5::jsonb, $6, $7)
                on conflict (workspace_id, run_key) do nothing returning id, week, questions::text, closes_at, true as created)
            select * from added
            union all
            select id, week, questions::text, closes_at, false from pulses where workspace_id = $2 and run_key = $3
            limit 1
            """);
        cmd.Parameters.Add(new() { Value = Guid.NewGuid() });
        cmd.Parameters.Add(new() { Value = workspaceId });
        cmd.Parameters.Add(new() { Value = runKey });
        cmd.Parameters.Add(new() { Value = week });
        cmd.Parameters.Add(new() { Value = PulseSettingsStore.WriteQuestions(questions) });
        cmd.Parameters.Add(new() { Value = openedAt });
        cmd.Parameters.Add(new() { Value = closesAt });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        await r.ReadAsync(ct);
        return (Read(r, workspaceId), r.GetBoolean(4));
    }

    /// <summary>The newest pulse still open at <paramref name="now"/>.</summary>
    public async Task<OpenPulse?> FindOpenAsync(Guid workspaceId, DateTimeOffset now, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("select id, week, questions::text, closes_at from pulses where workspace_id = $1 and not closed and closes_at > $2 order by opened_at desc limit 1");
        cmd.Parameters.Add(new() { Value = workspaceId });
        cmd.Parameters.Add(new() { Value = now });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct) ? Read(r, workspaceId) : null;
    }

    public async Task<OpenPulse?> FindAsync(Guid pulseId, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("select id, week, questions::text, closes_at, closed, workspace_id from pulses where id = $1");
        cmd.Parameters.Add(new() { Value = pulseId });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct) ? Read(r, r.GetGuid(5)) : null;
    }

    /// <summary>Records who was asked (idempotent).</summary>
    public async Task InviteAsync(Guid pulseId, IReadOnlyList<Guid> memberIds, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("insert into pulse_participation (pulse_id, member_id) select $1, unnest($2::uuid[]) on conflict do nothing");
        cmd.Parameters.Add(new() { Value = pulseId });
        cmd.Parameters.Add(new() { Value = memberIds.ToArray() });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Members asked who have not answered: the only people a reminder goes to.</summary>
    public async Task<IReadOnlySet<Guid>> NotAnsweredAsync(Guid pulseId, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("select member_id from pulse_participation where pulse_id = $1 and not answered");
        cmd.Parameters.Add(new() { Value = pulseId });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var ids = new HashSet<Guid>();
        while (await r.ReadAsync(ct))
        {
            ids.Add(r.GetGuid(0));
        }

        return ids;
    }

    public async Task<bool> HasAnsweredAsync(Guid pulseId, Guid memberId, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("select answered from pulse_participation where pulse_id = $1 and member_id = $2");
        cmd.Parameters.Add(new() { Value = pulseId });
        cmd.Parameters.Add(new() { Value = memberId });
        return await cmd.ExecuteScalarAsync(ct) is true;
    }

    /// <summary>
    /// Marks participation and stores the answers in one transaction, so nobody answers twice and no answer is lost.
    /// Why nothing links them: answer ids are random (v4, not time-ordered), the date is the day only, there is no
    /// answer timestamp or sequence, and the participation mark carries no time at all. The shared transaction id and
    /// the physical row order still match until the pulse closes, when <see cref="CloseAsync"/> rewrites both tables for
    /// the pulse in random order under one closing transaction.
    /// </summary>
    public async Task<PulseSubmission> RecordAsync(Guid pulseId, Guid memberId, string? cohort, IReadOnlyList<int> answers, string? comment, DateOnly day, DateTimeOffset now, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var open = new NpgsqlCommand("select 1 from pulses where id = $1 and not closed and closes_at > $2 for share", conn, tx))
        {
            open.Parameters.Add(new() { Value = pulseId });
            open.Parameters.Add(new() { Value = now });
            if (await open.ExecuteScalarAsync(ct) is null)
            {
                return PulseSubmission.Closed;
            }
        }

        await using (var mark = new NpgsqlCommand("""
            insert into pulse_participation (pulse_id, member_id, answered) values ($1, $2, true)
            on conflict (pulse_id, member_id) do update set answered = true where not pulse_participation.answered
            """, conn, tx))
        {
            mark.Parameters.Add(new() { Value = pulseId });
            mark.Parameters.Add(new() { Value = memberId });
            if (await mark.ExecuteNonQueryAsync(ct) == 0)
            {
                return PulseSubmission.AlreadyAnswered;
            }
        }

        await using (var insert = new NpgsqlCommand("""
            insert into pulse_answers (id, pulse_id, question, value, cohort, answered_on)
            select id, $1, (ord - 1)::smallint, v, $4, $5 from unnest($2::uuid[], $3::smallint[]) with ordinality as t(id, v, ord)
            """, conn, tx))
        {
            insert.Parameters.Add(new() { Value = pulseId });
            insert.Parameters.Add(new() { Value = answers.Select(_ => Guid.NewGuid()).ToArray() });
            insert.Parameters.Add(new() { Value = answers.Select(a => (short)a).ToArray() });
            insert.Parameters.Add(new() { Value = (object?)cohort ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            insert.Parameters.Add(new() { Value = day });
            await insert.ExecuteNonQueryAsync(ct);
        }

        if (!string.IsNullOrWhiteSpace(comment))
        {
            await using var note = new NpgsqlCommand("insert into pulse_comments (id, pulse_id, body) values ($1, $2, $3)", conn, tx);
            note.Parameters.Add(new() { Value = Guid.NewGuid() });
            note.Parameters.Add(new() { Value = pulseId });
            note.Parameters.Add(new() { Value = comment.Trim()[..Math.Min(comment.Trim().Length, 1000)] });
            await note.ExecuteNonQueryAsync(ct);
        }

        await tx.CommitAsync(ct);
        return PulseSubmission.Recorded;
    }

    /// <summary>
    /// Closes a pulse and reseals its rows: answers, comments and participation are re-inserted in random order
    /// in this one transaction, so neither transaction ids nor physical order tie an answer to a participation mark.
    /// </summary>
    public async Task<bool> CloseAsync(Guid pulseId, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        bool closed;
        await using (var close = new NpgsqlCommand("update pulses set closed = true where id = $1 and not closed", conn, tx))
        {
            close.Parameters.Add(new() { Value = pulseId });
            closed = await close.ExecuteNonQueryAsync(ct) > 0;
        }

        foreach (var table in (string[])["pulse_answers", "pulse_comments", "pulse_participation"])
        {
            // Table names are ours, never input.
            await using var reseal = new NpgsqlCommand($"with old as (delete from {table} where pulse_id = $1 returning *) insert into {table} select * from old order by random()", conn, tx);
            reseal.Parameters.Add(new() { Value = pulseId });
            await reseal.ExecuteNonQueryAsync(ct);
        }

        await using (var count = new NpgsqlCommand("""
            update pulses set invited = (select count(*) from pulse_participation where pulse_id = $1),
                              answered = (select count(*) from pulse_participation where pulse_id = $1 and answered)
            where id = $1
            """, conn, tx))
        {
            count.Parameters.Add(new() { Value = pulseId });
            await count.ExecuteNonQueryAsync(ct);
        }

        await RecountAsync(conn, tx, "a.pulse_id = $1", pulseId, ct);
        await tx.CommitAsync(ct);
        return closed;
    }

    /// <summary>Counts closed pulses' answers into <c>pulse_tallies</c> (again, after a cohort rename).</summary>
    internal static async Task RecountAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string which, object argument, CancellationToken ct)
    {
        // "which" is one of our two fixed conditions, never input.
        await using var cmd = new NpgsqlCommand($"""
            delete from pulse_tallies t using pulses p where p.id = t.pulse_id and {which.Replace("a.pulse_id", "t.pulse_id", StringComparison.Ordinal)}
            """, conn, tx);
        cmd.Parameters.Add(new() { Value = argument });
        await cmd.ExecuteNonQueryAsync(ct);
        await using var insert = new NpgsqlCommand($"""
            insert into pulse_tallies (pulse_id, cohort, question, value, answers)
            select a.pulse_id, a.cohort, a.question, a.value, count(*) from pulse_answers a join pulses p on p.id = a.pulse_id
            where p.closed and {which} group by a.pulse_id, a.cohort, a.question, a.value
            """, conn, tx);
        insert.Parameters.Add(new() { Value = argument });
        await insert.ExecuteNonQueryAsync(ct);
    }

    private static OpenPulse Read(NpgsqlDataReader r, Guid workspaceId) =>
        new(r.GetGuid(0), workspaceId, r.GetFieldValue<DateOnly>(1), PulseSettingsStore.ReadQuestions(r.GetString(2)), r.GetFieldValue<DateTimeOffset>(3));
}
