using Npgsql;
using NpgsqlTypes;
using PeerBot.Matching.Pulse;
using PeerBot.Scheduler.Persistence;

namespace PeerBot.Scheduler.Pulse;

/// <summary>
/// Pulses, participation and answers in PostgreSQL. No answer is ever stored as a row of its own: see
/// <see cref="RecordAsync"/> for why a reader of the database cannot tell which member gave which answer, even while open.
/// </summary>
public sealed class PulseStore(NpgsqlDataSource db)
{
    /// <summary>Opens a pulse once per run key inside the caller's unit of work; returns it and whether this call created it.</summary>
    public static async Task<(OpenPulse Pulse, bool Created)> OpenAsync(UnitOfWork work, Guid workspaceId, string runKey, DateOnly week, IReadOnlyList<PulseQuestion> questions, DateTimeOffset openedAt, DateTimeOffset closesAt, CancellationToken ct)
    {
        var row = await work.QuerySingleOrDefaultAsync<PulseRow>("""
            with added as (
                insert into pulses (id, workspace_id, run_key, week, questions, opened_at, closes_at) values (@id, @workspaceId, @runKey, @week, @questions::jsonb, @openedAt, @closesAt)
                on conflict (workspace_id, run_key) do nothing returning id, week, questions::text as questions, closes_at as closesat, true as created)
            select * from added
            union all
            select id, week, questions::text, closes_at, false from pulses where workspace_id = @workspaceId and run_key = @runKey
            limit 1
            """, new { id = Guid.NewGuid(), workspaceId, runKey, week, questions = PulseSettingsStore.WriteQuestions(questions), openedAt, closesAt }, ct);
        return (new OpenPulse(row!.Id, workspaceId, row.Week, PulseSettingsStore.ReadQuestions(row.Questions), row.ClosesAt), row.Created);
    }

    /// <summary>Records who was asked and in which cohort (idempotent), inside the unit of work that opened the pulse.</summary>
    public static Task InviteAsync(UnitOfWork work, Guid pulseId, IReadOnlyList<(Guid Member, string? Cohort)> invitees, CancellationToken ct) =>
        work.ExecuteAsync("insert into pulse_participation (pulse_id, member_id, cohort) select @pulseId, m, c from unnest(@members::uuid[], @cohorts::text[]) as t(m, c) on conflict do nothing",
            new { pulseId, members = invitees.Select(i => i.Member).ToArray(), cohorts = invitees.Select(i => i.Cohort).ToArray() }, ct);

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

    /// <summary>Open pulses past their closing time, and open pulses whose reminder is due but was never sent: the sweeper's work.</summary>
    public async Task<(IReadOnlyList<Guid> ToClose, IReadOnlyList<Guid> ToRemind)> DueAsync(DateTimeOffset now, TimeSpan reminderAfter, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            select id, closes_at <= $1 from pulses
            where not closed and (closes_at <= $1 or (not reminded and opened_at <= $2))
            order by closes_at
            """);
        cmd.Parameters.Add(new() { Value = now });
        cmd.Parameters.Add(new() { Value = now - reminderAfter });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var close = new List<Guid>();
        var remind = new List<Guid>();
        while (await r.ReadAsync(ct))
        {
            (r.GetBoolean(1) ? close : remind).Add(r.GetGuid(0));
        }

        return (close, remind);
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

    /// <summary>Marks the reminder as sent, in the unit of work that queues it; false when it was already sent or the pulse closed.</summary>
    public static async Task<bool> MarkRemindedAsync(UnitOfWork work, Guid pulseId, CancellationToken ct) =>
        await work.ExecuteAsync("update pulses set reminded = true where id = @pulseId and not reminded and not closed", new { pulseId }, ct) > 0;

    public async Task<bool> HasAnsweredAsync(Guid pulseId, Guid memberId, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("select answered from pulse_participation where pulse_id = $1 and member_id = $2");
        cmd.Parameters.Add(new() { Value = pulseId });
        cmd.Parameters.Add(new() { Value = memberId });
        return await cmd.ExecuteScalarAsync(ct) is true;
    }

    /// <summary>
    /// Marks participation and counts the answers in one transaction, so nobody answers twice and no answer is lost.
    /// The answers are never a row of their own: they are added to the pulse's tally counts, and the same statement
    /// rewrites every tally row of the pulse, so every row carries this transaction's id and none shows which count
    /// moved. The member's mark and the tallies share a transaction id only until the next answer, and even then it
    /// tells that this member's answers are somewhere in the totals — which is true of everyone who answered.
    /// A comment makes the pulse's comments be rewritten all together, in random order, for the same reason.
    /// Answers count under the cohort the member was invited in (a later move changes future pulses only).
    /// </summary>
    public async Task<PulseSubmission> RecordAsync(Guid pulseId, Guid memberId, string? cohort, IReadOnlyList<int> answers, string? comment, DateTimeOffset now, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        // One answer at a time per pulse: every answer rewrites all of the pulse's tally rows.
        await using (var open = new NpgsqlCommand("select 1 from pulses where id = $1 and not closed and closes_at > $2 for no key update", conn, tx))
        {
            open.Parameters.Add(new() { Value = pulseId });
            open.Parameters.Add(new() { Value = now });
            if (await open.ExecuteScalarAsync(ct) is null)
            {
                return PulseSubmission.Closed;
            }
        }

        await using (var mark = new NpgsqlCommand("""
            insert into pulse_participation (pulse_id, member_id, answered, cohort) values ($1, $2, true, $3)
            on conflict (pulse_id, member_id) do update set answered = true where not pulse_participation.answered
            returning cohort
            """, conn, tx))
        {
            mark.Parameters.Add(new() { Value = pulseId });
            mark.Parameters.Add(new() { Value = memberId });
            mark.Parameters.Add(new() { Value = (object?)cohort ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            await using var r = await mark.ExecuteReaderAsync(ct);
            if (!await r.ReadAsync(ct))
            {
                return PulseSubmission.AlreadyAnswered;
            }

            cohort = r.IsDBNull(0) ? null : r.GetString(0);
        }

        await using (var cells = new NpgsqlCommand("""
            insert into pulse_tallies (pulse_id, cohort, question, value, answers)
            select $1, $2, q, v, 0 from generate_series(0, $3 - 1) q, generate_series(1, 5) v
            on conflict (pulse_id, cohort, question, value) do nothing
            """, conn, tx))
        {
            cells.Parameters.Add(new() { Value = pulseId });
            cells.Parameters.Add(new() { Value = (object?)cohort ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            cells.Parameters.Add(new() { Value = answers.Count });
            await cells.ExecuteNonQueryAsync(ct);
        }

        await using (var count = new NpgsqlCommand("""
            update pulse_tallies set answers = answers + case when cohort is not distinct from $2 and value = ($3::smallint[])[question + 1] then 1 else 0 end
            where pulse_id = $1
            """, conn, tx))
        {
            count.Parameters.Add(new() { Value = pulseId });
            count.Parameters.Add(new() { Value = (object?)cohort ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            count.Parameters.Add(new() { Value = answers.Select(a => (short)a).ToArray() });
            await count.ExecuteNonQueryAsync(ct);
        }

        if (!string.IsNullOrWhiteSpace(comment))
        {
            await using var note = new NpgsqlCommand("""
                with old as (delete from pulse_comments where pulse_id = $1 returning body)
                insert into pulse_comments (id, pulse_id, body)
                select gen_random_uuid(), $1, body from (select body from old union all select $2::text) c order by random()
                """, conn, tx);
            note.Parameters.Add(new() { Value = pulseId });
            note.Parameters.Add(new() { Value = comment.Trim()[..Math.Min(comment.Trim().Length, 1000)] });
            await note.ExecuteNonQueryAsync(ct);
        }

        await tx.CommitAsync(ct);
        return PulseSubmission.Recorded;
    }

    /// <summary>
    /// Closes and seals a pulse in the caller's unit of work, once (a second call changes nothing and returns false): freezes the
    /// asked/answered counts, forgets who was asked and who answered, deletes the pulse's invitation and reminder rows
    /// from the outbox, and rewrites its tallies and comments in random order so they all carry the closing transaction.
    /// </summary>
    public static async Task<bool> CloseAsync(UnitOfWork work, Guid pulseId, CancellationToken ct)
    {
        if (await work.ExecuteAsync("""
            update pulses set closed = true,
                              invited = (select count(*) from pulse_participation where pulse_id = @pulseId),
                              answered = (select count(*) from pulse_participation where pulse_id = @pulseId and answered)
            where id = @pulseId and not closed
            """, new { pulseId }, ct) == 0)
        {
            return false;
        }

        await work.ExecuteAsync("delete from pulse_participation where pulse_id = @pulseId", new { pulseId }, ct);
        await work.ExecuteAsync("delete from outbox where delivery_key like @prefix", new { prefix = DeliveryKeyPrefix(pulseId) + "%" }, ct);
        foreach (var table in (string[])["pulse_tallies", "pulse_comments"])
        {
            // Table names are ours, never input.
            await work.ExecuteAsync($"with old as (delete from {table} where pulse_id = @pulseId returning *) insert into {table} select * from old order by random()", new { pulseId }, ct);
        }

        return true;
    }

    /// <summary>Every delivery key of a pulse's messages starts with this (<c>pulse:{pulse}:{member}:{purpose}</c>).</summary>
    public static string DeliveryKeyPrefix(Guid pulseId) => $"pulse:{pulseId:N}:";

    private sealed record PulseRow(Guid Id, DateOnly Week, string Questions, DateTimeOffset ClosesAt, bool Created);

    private static OpenPulse Read(NpgsqlDataReader r, Guid workspaceId) =>
        new(r.GetGuid(0), workspaceId, r.GetFieldValue<DateOnly>(1), PulseSettingsStore.ReadQuestions(r.GetString(2)), r.GetFieldValue<DateTimeOffset>(3));
}
