using Dapper;
using Npgsql;
using PeerBot.Scheduler.Persistence;

namespace PeerBot.Scheduler.Ask;

/// <summary>
/// Questions, offers and answers in PostgreSQL. Every change goes through the caller's unit of work, with the messages and
/// jobs it implies. The asker is held only in <c>ask_questions.asker_member_id</c>, and only while the question is open:
/// <see cref="CloseAsync"/> erases it together with every message PeerBot sent about the question.
/// </summary>
public sealed class AskStore(NpgsqlDataSource db)
{
    public const string Colleague = "a colleague";

    private const string QuestionColumns =
        "id, workspace_id as workspaceid, body, tags, asker_member_id as askermemberid, asker_name as askername, state, hidden, stage, asked_at as askedat, closes_at as closesat";

    private const string AnswerColumns = """
        a.id, a.question_id as questionid, a.helper_member_id as helpermemberid, m.external_user_id as helperuserid,
        coalesce(m.display_name, 'a colleague') as helpername, a.body, a.reply, a.helped, a.hidden
        """;

    public async Task<AskQuestion?> FindAsync(Guid questionId, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<QuestionRow>(new CommandDefinition($"select {QuestionColumns} from ask_questions where id = @questionId", new { questionId }, cancellationToken: ct)))
            .Select(r => r.ToQuestion()).FirstOrDefault();
    }

    /// <summary>The question locked for this unit of work (claims and stage changes queue behind each other).</summary>
    public static async Task<AskQuestion?> LockAsync(UnitOfWork work, Guid questionId, CancellationToken ct) =>
        (await work.QueryAsync<QuestionRow>($"select {QuestionColumns} from ask_questions where id = @questionId for update", new { questionId }, ct))
            .Select(r => r.ToQuestion()).FirstOrDefault();

    public async Task<AskAnswer?> FindAnswerAsync(Guid answerId, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<AnswerRow>(new CommandDefinition(
            $"select {AnswerColumns} from ask_answers a left join members m on m.id = a.helper_member_id where a.id = @answerId", new { answerId }, cancellationToken: ct)))
            .Select(r => r.ToAnswer()).FirstOrDefault();
    }

    /// <summary>Questions this member asked in the last day and that still know it (a question never closes within a day).</summary>
    public async Task<int> AskedSinceAsync(Guid memberId, DateTimeOffset since, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.ExecuteScalarAsync<int>(new CommandDefinition(
            "select count(*)::int from ask_questions where asker_member_id = @memberId and asked_at > @since", new { memberId, since }, cancellationToken: ct));
    }

    public static Task AddAsync(UnitOfWork work, AskQuestion q, CancellationToken ct) =>
        work.ExecuteAsync("""
            insert into ask_questions (id, workspace_id, body, tags, asker_member_id, asker_name, state, stage, asked_at, closes_at)
            values (@Id, @WorkspaceId, @Body, @Tags, @AskerMemberId, @AskerName, @state, @Stage, @AskedAt, @ClosesAt)
            """, new { q.Id, q.WorkspaceId, q.Body, Tags = q.Tags.ToArray(), q.AskerMemberId, q.AskerName, state = StateText.Of(q.State), q.Stage, q.AskedAt, q.ClosesAt }, ct);

    /// <summary>Members this question was already offered to (or claimed by), by member id.</summary>
    public static async Task<IReadOnlySet<Guid>> OfferedAsync(UnitOfWork work, Guid questionId, CancellationToken ct) =>
        (await work.QueryAsync<Guid>("select member_id from ask_offers where question_id = @questionId", new { questionId }, ct)).ToHashSet();

    public static Task OfferAsync(UnitOfWork work, Guid questionId, IReadOnlyList<Guid> members, int stage, CancellationToken ct) =>
        work.ExecuteAsync("""
            insert into ask_offers (question_id, member_id, stage, state) select @questionId, m, @stage, @offered from unnest(@members::uuid[]) m
            on conflict do nothing
            """, new { questionId, members = members.ToArray(), stage, offered = StateText.Of(OfferState.Offered) }, ct);

    public static async Task<OfferState?> OfferStateAsync(UnitOfWork work, Guid questionId, Guid memberId, CancellationToken ct) =>
        await work.ExecuteScalarAsync<string?>("select state from ask_offers where question_id = @questionId and member_id = @memberId", new { questionId, memberId }, ct) is { } s
            ? StateText.Parse<OfferState>(s) : null;

    public static Task<int> ClaimsAsync(UnitOfWork work, Guid questionId, CancellationToken ct) =>
        work.ExecuteScalarAsync<int>("select count(*)::int from ask_offers where question_id = @questionId and state = @claimed",
            new { questionId, claimed = StateText.Of(OfferState.Claimed) }, ct);

    /// <summary>Records what the member did with an offer (a member the question reached another way — the channel — gets an offer row now).</summary>
    public static Task SetOfferAsync(UnitOfWork work, Guid questionId, Guid memberId, int stage, OfferState state, CancellationToken ct) =>
        work.ExecuteAsync("""
            insert into ask_offers (question_id, member_id, stage, state) values (@questionId, @memberId, @stage, @state)
            on conflict (question_id, member_id) do update set state = excluded.state
            """, new { questionId, memberId, stage, state = StateText.Of(state) }, ct);

    /// <summary>Moves a question from <paramref name="from"/> to the next routing step; false when another run already did.</summary>
    public static async Task<bool> AdvanceAsync(UnitOfWork work, Guid questionId, int from, CancellationToken ct) =>
        await work.ExecuteAsync("update ask_questions set stage = @from + 1 where id = @questionId and stage = @from and state = @open and not hidden",
            new { questionId, from, open = StateText.Of(AskState.Open) }, ct) == 1;

    /// <summary>Adds the helper's answer (one per helper and question); false when they already answered.</summary>
    public static async Task<bool> AddAnswerAsync(UnitOfWork work, Guid answerId, Guid questionId, Guid helperMemberId, string body, DateTimeOffset at, CancellationToken ct)
    {
        if (await work.ExecuteAsync("""
            insert into ask_answers (id, question_id, helper_member_id, body, answered_at) values (@answerId, @questionId, @helperMemberId, @body, @at)
            on conflict (question_id, helper_member_id) do nothing
            """, new { answerId, questionId, helperMemberId, body, at }, ct) == 0)
        {
            return false;
        }

        await work.ExecuteAsync("""
            update ask_questions set first_answer_at = coalesce(first_answer_at, @at),
                first_answer_seconds = coalesce(first_answer_seconds, extract(epoch from @at - asked_at)::float8)
            where id = @questionId
            """, new { questionId, at }, ct);
        return true;
    }

    /// <summary>The asker's one reply; false when they already replied.</summary>
    public static async Task<bool> SetReplyAsync(UnitOfWork work, Guid answerId, string reply, CancellationToken ct) =>
        await work.ExecuteAsync("update ask_answers set reply = @reply where id = @answerId and reply is null and not hidden", new { answerId, reply }, ct) == 1;

    public static async Task<bool> MarkHelpedAsync(UnitOfWork work, Guid answerId, CancellationToken ct) =>
        await work.ExecuteAsync("update ask_answers set helped = true where id = @answerId and not helped and not hidden", new { answerId }, ct) == 1;

    public static async Task<bool> SaveTipAsync(UnitOfWork work, Guid answerId, CancellationToken ct) =>
        await work.ExecuteAsync("update ask_answers set tip = true where id = @answerId and not tip and not hidden", new { answerId }, ct) == 1;

    public static async Task<bool> HideQuestionAsync(UnitOfWork work, Guid questionId, CancellationToken ct) =>
        await work.ExecuteAsync("update ask_questions set hidden = true where id = @questionId and not hidden", new { questionId }, ct) == 1;

    public static async Task<bool> HideAnswerAsync(UnitOfWork work, Guid answerId, CancellationToken ct) =>
        await work.ExecuteAsync("update ask_answers set hidden = true where id = @answerId and not hidden", new { answerId }, ct) == 1;

    /// <summary>The asker's platform id while the question still knows it (open and the asker still a member).</summary>
    public static Task<string?> AskerUserIdAsync(UnitOfWork work, Guid questionId, CancellationToken ct) =>
        work.ExecuteScalarAsync<string?>("""
            select m.external_user_id from ask_questions q join members m on m.id = q.asker_member_id where q.id = @questionId and q.state = @open
            """, new { questionId, open = StateText.Of(AskState.Open) }, ct);

    /// <summary>
    /// Closes a question once: forgets who asked it (a signed question keeps the name its helpers saw), who it was
    /// offered to, and every message PeerBot sent about it (offers, relayed answers, replies, thanks), so that nothing
    /// left in the database links the asker to it. Its times keep only the day (an exact time could be matched against
    /// another the asker left); the time to a first answer stays as a duration. Answers stay, with their helpers.
    /// </summary>
    public static async Task<bool> CloseAsync(UnitOfWork work, Guid questionId, CancellationToken ct)
    {
        if (await work.ExecuteAsync("""
            update ask_questions set state = @closed, asker_member_id = null, first_answer_at = null,
                asked_at = date_trunc('day', asked_at, 'UTC'), closes_at = date_trunc('day', closes_at, 'UTC')
            where id = @questionId and state = @open
            """,
            new { questionId, closed = StateText.Of(AskState.Closed), open = StateText.Of(AskState.Open) }, ct) == 0)
        {
            return false;
        }

        await work.ExecuteAsync("delete from ask_offers where question_id = @questionId", new { questionId }, ct);
        await work.ExecuteAsync("delete from outbox where delivery_key like @prefix", new { prefix = DeliveryKeyPrefix(questionId) + "%" }, ct);
        // Teams notes which member got which delivery: the asker's copies would say who asked.
        await work.ExecuteAsync("delete from teams_deliveries where delivery_key like @prefix", new { prefix = DeliveryKeyPrefix(questionId) + "%" }, ct);
        return true;
    }

    /// <summary>Counts for coaches since <paramref name="since"/>: questions asked, answered, and the median time to a first answer.</summary>
    public async Task<AskHealth> HealthAsync(Guid workspaceId, DateTimeOffset since, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var row = await conn.QuerySingleAsync<(long Asked, long Answered, double? Median)>(new CommandDefinition("""
            select count(*), count(first_answer_seconds),
                   percentile_cont(0.5) within group (order by first_answer_seconds) filter (where first_answer_seconds is not null)
            from ask_questions where workspace_id = @workspaceId and asked_at >= @since and not hidden
            """, new { workspaceId, since }, cancellationToken: ct));
        return new AskHealth((int)row.Asked, (int)row.Answered, row.Median is { } seconds ? TimeSpan.FromSeconds(seconds) : null);
    }

    /// <summary>Answers of this member that helped someone: the ripples on their Home tab.</summary>
    public async Task<int> HelpedCountAsync(Guid memberId, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.ExecuteScalarAsync<int>(new CommandDefinition(
            "select count(*)::int from ask_answers where helper_member_id = @memberId and helped and not hidden", new { memberId }, cancellationToken: ct));
    }

    /// <summary>Every saved tip of the workspace that is not hidden, with its helper's name ("a colleague" once they left) and never its asker.</summary>
    public async Task<IReadOnlyList<PeerBot.Matching.Ask.SavedTip>> TipsAsync(Guid workspaceId, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<TipRow>(new CommandDefinition("""
            select a.id, q.tags, q.body as question, a.body as answer, coalesce(m.display_name, 'a colleague') as helpername, a.answered_at as answeredat
            from ask_answers a join ask_questions q on q.id = a.question_id left join members m on m.id = a.helper_member_id
            where q.workspace_id = @workspaceId and a.tip and not a.hidden and not q.hidden
            """, new { workspaceId }, cancellationToken: ct));
        return [.. rows.Select(r => new PeerBot.Matching.Ask.SavedTip(r.Id, r.Tags, r.Question, r.Answer, r.HelperName, r.AnsweredAt))];
    }

    /// <summary>Open questions nobody claimed that still have a routing step ahead, with the step they are at.</summary>
    public async Task<IReadOnlyList<(Guid Id, int Stage)>> UnclaimedAsync(Guid workspaceId, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return [.. await conn.QueryAsync<(Guid, int)>(new CommandDefinition("""
            select q.id, q.stage from ask_questions q
            where q.workspace_id = @workspaceId and q.state = @open and not q.hidden and q.stage < 4
              and not exists (select 1 from ask_offers o where o.question_id = q.id and o.state = @claimed)
            order by q.asked_at
            """, new { workspaceId, open = StateText.Of(AskState.Open), claimed = StateText.Of(OfferState.Claimed) }, cancellationToken: ct))];
    }

    /// <summary>Open questions past their closing time (their close job never ran).</summary>
    public async Task<IReadOnlyList<Guid>> DueToCloseAsync(DateTimeOffset now, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return [.. await conn.QueryAsync<Guid>(new CommandDefinition("select id from ask_questions where state = @open and closes_at <= @now",
            new { open = StateText.Of(AskState.Open), now }, cancellationToken: ct))];
    }

    /// <summary>Every delivery key of a question's messages starts with this (<c>ask:{question}:{purpose}…</c>).</summary>
    public static string DeliveryKeyPrefix(Guid questionId) => $"ask:{questionId:N}:";

    // Settable rather than positional: Dapper matches constructors by exact column type, and a text[] column reads as System.Array.
    private sealed class QuestionRow
    {
        public Guid Id { get; init; }

        public Guid WorkspaceId { get; init; }

        public string Body { get; init; } = "";

        public string[] Tags { get; init; } = [];

        public Guid? AskerMemberId { get; init; }

        public string? AskerName { get; init; }

        public string State { get; init; } = "";

        public bool Hidden { get; init; }

        public int Stage { get; init; }

        public DateTimeOffset AskedAt { get; init; }

        public DateTimeOffset ClosesAt { get; init; }

        public AskQuestion ToQuestion() => new(Id, WorkspaceId, Body, Tags, AskerMemberId, AskerName, StateText.Parse<AskState>(State), Hidden, Stage, AskedAt, ClosesAt);
    }

    private sealed class AnswerRow
    {
        public Guid Id { get; init; }

        public Guid QuestionId { get; init; }

        public Guid? HelperMemberId { get; init; }

        public string? HelperUserId { get; init; }

        public string HelperName { get; init; } = Colleague;

        public string Body { get; init; } = "";

        public string? Reply { get; init; }

        public bool Helped { get; init; }

        public bool Hidden { get; init; }

        public AskAnswer ToAnswer() => new(Id, QuestionId, HelperMemberId, HelperUserId, HelperName, Body, Reply, Helped, Hidden);
    }

    private sealed class TipRow
    {
        public Guid Id { get; init; }

        public string[] Tags { get; init; } = [];

        public string Question { get; init; } = "";

        public string Answer { get; init; } = "";

        public string HelperName { get; init; } = Colleague;

        public DateTimeOffset AnsweredAt { get; init; }
    }
}
