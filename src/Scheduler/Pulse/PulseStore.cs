using Dapper;
using Npgsql;
using PeerBot.Matching.Pulse;
using PeerBot.Scheduler.Persistence;

namespace PeerBot.Scheduler.Pulse;

/// <summary>
/// Pulses, participation and answers in PostgreSQL. No answer is ever stored as a row of its own: see
/// <see cref="RecordAsync"/> for why a reader of the database cannot tell which member gave which answer, even while open.
/// </summary>
public sealed class PulseStore(NpgsqlDataSource db)
{
    private sealed record OpenedRow(Guid Id, DateOnly Week, string Questions, DateTimeOffset ClosesAt, bool Created);

    /// <summary>Opens a pulse once per run key inside the caller's unit of work; returns it and whether this call created it.</summary>
    public static async Task<(OpenPulse Pulse, bool Created)> OpenAsync(UnitOfWork work, Guid workspaceId, string runKey, DateOnly week, IReadOnlyList<PulseQuestion> questions, DateTimeOffset openedAt, DateTimeOffset closesAt, CancellationToken ct)
    {
        var row = await work.QuerySingleOrDefaultAsync<OpenedRow>("""
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
    public async Task<OpenPulse?> FindOpenAsync(Guid workspaceId, DateTimeOffset now, CancellationToken ct) =>
        (await QueryAsync<PulseRow>("""
            select id, workspace_id as workspaceid, week, questions::text as questions, closes_at as closesat from pulses
            where workspace_id = @workspaceId and not closed and closes_at > @now order by opened_at desc limit 1
            """, new { workspaceId, now }, ct)).Select(Open).FirstOrDefault();

    public async Task<OpenPulse?> FindAsync(Guid pulseId, CancellationToken ct) =>
        (await QueryAsync<PulseRow>("select id, workspace_id as workspaceid, week, questions::text as questions, closes_at as closesat from pulses where id = @pulseId",
            new { pulseId }, ct)).Select(Open).FirstOrDefault();

    /// <summary>Open pulses past their closing time, and open pulses whose reminder is due but was never sent: the sweeper's work.</summary>
    public async Task<(IReadOnlyList<Guid> ToClose, IReadOnlyList<Guid> ToRemind)> DueAsync(DateTimeOffset now, TimeSpan reminderAfter, CancellationToken ct)
    {
        var due = await QueryAsync<(Guid Id, bool Close)>("""
            select id, closes_at <= @now from pulses
            where not closed and (closes_at <= @now or (not reminded and opened_at <= @remindBefore))
            order by closes_at
            """, new { now, remindBefore = now - reminderAfter }, ct);
        return ([.. due.Where(d => d.Close).Select(d => d.Id)], [.. due.Where(d => !d.Close).Select(d => d.Id)]);
    }

    /// <summary>Members asked who have not answered: the only people a reminder goes to.</summary>
    public async Task<IReadOnlySet<Guid>> NotAnsweredAsync(Guid pulseId, CancellationToken ct) =>
        (await QueryAsync<Guid>("select member_id from pulse_participation where pulse_id = @pulseId and not answered", new { pulseId }, ct)).ToHashSet();

    /// <summary>Marks the reminder as sent, in the unit of work that queues it; false when it was already sent or the pulse closed.</summary>
    public static async Task<bool> MarkRemindedAsync(UnitOfWork work, Guid pulseId, CancellationToken ct) =>
        await work.ExecuteAsync("update pulses set reminded = true where id = @pulseId and not reminded and not closed", new { pulseId }, ct) > 0;

    public async Task<bool> HasAnsweredAsync(Guid pulseId, Guid memberId, CancellationToken ct) =>
        (await QueryAsync<bool>("select answered from pulse_participation where pulse_id = @pulseId and member_id = @memberId", new { pulseId, memberId }, ct)).FirstOrDefault();

    /// <summary>
    /// Marks participation and counts the answers in the caller's unit of work, so nobody answers twice and no answer is lost.
    /// The answers are never a row of their own: they are added to the pulse's tally counts, and the same statement
    /// rewrites every tally row of the pulse, so every row carries this transaction's id and none shows which count
    /// moved. The member's mark and the tallies share a transaction id only until the next answer, and even then it
    /// tells that this member's answers are somewhere in the totals — which is true of everyone who answered.
    /// A comment makes the pulse's comments be rewritten all together, in random order, for the same reason.
    /// Answers count under the cohort the member was invited in (a later move changes future pulses only).
    /// Commit only when it returns <see cref="PulseSubmission.Recorded"/>.
    /// </summary>
    public static async Task<PulseSubmission> RecordAsync(UnitOfWork work, Guid pulseId, Guid memberId, string? cohort, IReadOnlyList<int> answers, string? comment, DateTimeOffset now, CancellationToken ct)
    {
        // One answer at a time per pulse: every answer rewrites all of the pulse's tally rows.
        if (await work.ExecuteScalarAsync<int?>("select 1 from pulses where id = @pulseId and not closed and closes_at > @now for no key update", new { pulseId, now }, ct) is null)
        {
            return PulseSubmission.Closed;
        }

        var marked = await work.QueryAsync<string?>("""
            insert into pulse_participation (pulse_id, member_id, answered, cohort) values (@pulseId, @memberId, true, @cohort)
            on conflict (pulse_id, member_id) do update set answered = true where not pulse_participation.answered
            returning cohort
            """, new { pulseId, memberId, cohort }, ct);
        if (marked.Count == 0)
        {
            return PulseSubmission.AlreadyAnswered;
        }

        cohort = marked[0];
        await work.ExecuteAsync("""
            insert into pulse_tallies (pulse_id, cohort, question, value, answers)
            select @pulseId, @cohort, q, v, 0 from generate_series(0, @questions - 1) q, generate_series(1, 5) v
            on conflict (pulse_id, cohort, question, value) do nothing
            """, new { pulseId, cohort, questions = answers.Count }, ct);
        await work.ExecuteAsync("""
            update pulse_tallies set answers = answers + case when cohort is not distinct from @cohort and value = (@values::smallint[])[question + 1] then 1 else 0 end
            where pulse_id = @pulseId
            """, new { pulseId, cohort, values = answers.Select(a => (short)a).ToArray() }, ct);
        if (!string.IsNullOrWhiteSpace(comment))
        {
            await work.ExecuteAsync("""
                with old as (delete from pulse_comments where pulse_id = @pulseId returning body)
                insert into pulse_comments (id, pulse_id, body)
                select gen_random_uuid(), @pulseId, body from (select body from old union all select @body::text) c order by random()
                """, new { pulseId, body = comment.Trim()[..Math.Min(comment.Trim().Length, 1000)] }, ct);
        }

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

    private sealed record PulseRow(Guid Id, Guid WorkspaceId, DateOnly Week, string Questions, DateTimeOffset ClosesAt);

    private static OpenPulse Open(PulseRow r) => new(r.Id, r.WorkspaceId, r.Week, PulseSettingsStore.ReadQuestions(r.Questions), r.ClosesAt);

    private async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object parameters, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return [.. await conn.QueryAsync<T>(new CommandDefinition(sql, parameters, cancellationToken: ct))];
    }
}
