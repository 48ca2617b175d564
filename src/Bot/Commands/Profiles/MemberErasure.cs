using System.Text;
using Npgsql;

namespace PeerBot.Bot.Commands.Profiles;

/// <summary>
/// What <c>leave</c> does to the database, in one transaction: the member row (every table keyed by the member
/// goes with it), every outbox row that names the person (as recipient, in its key, in its text — also other
/// people's pending messages and dead letters), the App Home welcome marker, Teams conversation references,
/// and any mention of them in Hangfire's schema. Pulse answers never named anyone and stay.
/// </summary>
public sealed class MemberErasure(NpgsqlDataSource db)
{
    private const string HangfireSchema = "hangfire";

    /// <summary>A name shorter than this is too common a word to scrub from Hangfire's own records safely.</summary>
    private const int MinHangfireNameLength = 4;

    /// <summary>Erases everything that names the person; true when they were a member.</summary>
    public async Task<bool> EraseAsync(Guid workspaceId, string externalUserId, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);

        Guid? memberId = null;
        string name = "";
        await using (var find = Command(conn, tx, "select id, display_name from members where workspace_id = $1 and external_user_id = $2 for update", workspaceId, externalUserId))
        await using (var r = await find.ExecuteReaderAsync(ct))
        {
            if (await r.ReadAsync(ct))
            {
                (memberId, name) = (r.GetGuid(0), r.GetString(1).Trim());
            }
        }

        // Alternatives of literal text, matched as whole words only: "U1" must not erase "U12"'s messages.
        var idLiteral = Literal(externalUserId);
        var memberLiteral = memberId is { } m ? $"{m:N}|{m:D}" : "";
        var nameLiteral = name.Length >= 2 && !string.Equals(name, externalUserId, StringComparison.Ordinal) ? Literal(name) : "";
        var idPattern = WholeWord(idLiteral);
        var memberPattern = memberLiteral.Length > 0 ? WholeWord(memberLiteral) : "";
        var namePattern = nameLiteral.Length > 0 ? WholeWord(nameLiteral) : "";

        // Other people's messages that name the person go too: a message about someone who left must not reach anyone.
        await Exec(conn, tx, """
            delete from outbox where workspace_id = $1 and (
                   member_id = $2
                or $3 = any(recipients)
                or delivery_key ~ $4
                or ($5 <> '' and delivery_key ~ $5)
                or message::text ~ $4
                or ($6 <> '' and message::text ~* $6)
                or coalesce(last_error, '') ~ $4)
            """, ct, workspaceId, (object?)memberId ?? DBNull.Value, externalUserId, idPattern, memberPattern, namePattern);
        await ScrubWordsAboutThemAsync(conn, tx, workspaceId, Standalone(idLiteral), nameLiteral.Length > 0 ? Standalone(nameLiteral) : "", ct);
        await Exec(conn, tx, "delete from slack_home_welcomes where workspace_id = $1 and external_user_id = $2", ct, workspaceId, externalUserId);
        // Their never-pair list, and every list or evaluator rule that names them: someone who comes back starts afresh.
        await Exec(conn, tx, "delete from never_pairs where workspace_id = $1 and (user_id = $2 or other_user_id = $2)", ct, workspaceId, externalUserId);
        await Exec(conn, tx, "delete from evaluators where workspace_id = $1 and (evaluator_user_id = $2 or teacher_user_id = $2)", ct, workspaceId, externalUserId);
        await Exec(conn, tx, "delete from teams_conversations where workspace_id = $1 and (user_id = $2 or ($3::uuid is not null and member_id = $3))", ct,
            workspaceId, externalUserId, (object?)memberId ?? DBNull.Value);
        if (memberId is { } id)
        {
            // Cascades and triggers take pairings (and their messages), check-ins, pulse participation, coach rights.
            await Exec(conn, tx, "delete from members where id = $1", ct, id);
        }

        var hangfire = new[] { idLiteral, memberLiteral, name.Length >= MinHangfireNameLength ? nameLiteral : "" }.Where(p => p.Length > 0);
        await ScrubHangfireAsync(conn, tx, Standalone(string.Join('|', hangfire)), ct);
        await tx.CommitAsync(ct);
        return memberId is not null;
    }

    /// <summary>
    /// What others wrote that names the person — a thanks note, a question, an answer or its reply, a pulse comment — keeps
    /// its words but not them: their mention (which carries their id) and their name become "[erased]".
    /// </summary>
    private static async Task ScrubWordsAboutThemAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Guid workspaceId, string idPattern, string namePattern, CancellationToken ct)
    {
        static string Scrubbed(string column) =>
            $"regexp_replace(regexp_replace({column}, $2, '[erased]', 'g'), case when $3 = '' then '(?!)' else $3 end, '[erased]', 'gi')";
        static string Names(string column) => $"({column} ~ $2 or ($3 <> '' and {column} ~* $3))";

        await Exec(conn, tx, $"update thanks set note = {Scrubbed("note")} where workspace_id = $1 and {Names("note")}", ct, workspaceId, idPattern, namePattern);
        await Exec(conn, tx, $"update ask_questions set body = {Scrubbed("body")} where workspace_id = $1 and {Names("body")}", ct, workspaceId, idPattern, namePattern);
        await Exec(conn, tx, $"""
            update ask_answers a set body = {Scrubbed("a.body")}, reply = {Scrubbed("a.reply")}
            from ask_questions q where q.id = a.question_id and q.workspace_id = $1 and ({Names("a.body")} or {Names("a.reply")})
            """, ct, workspaceId, idPattern, namePattern);
        // A comment holds at most 1,000 characters, and "[erased]" may be longer than the name it replaces.
        await Exec(conn, tx, $"""
            update pulse_comments c set body = left({Scrubbed("c.body")}, 1000)
            from pulses p where p.id = c.pulse_id and p.workspace_id = $1 and {Names("c.body")}
            """, ct, workspaceId, idPattern, namePattern);
    }

    /// <summary>Job arguments are ids of workspaces and pulses, but a failed job's exception or a parameter may still quote a person.</summary>
    private static async Task ScrubHangfireAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string pattern, CancellationToken ct)
    {
        var columns = new List<(string Table, string Column, string Type)>();
        await using (var list = Command(conn, tx, """
            select table_name, column_name, data_type from information_schema.columns
            where table_schema = $1 and data_type in ('text', 'character varying', 'jsonb', 'json')
            order by table_name, column_name
            """, HangfireSchema))
        await using (var r = await list.ExecuteReaderAsync(ct))
        {
            while (await r.ReadAsync(ct))
            {
                columns.Add((r.GetString(0), r.GetString(1), r.GetString(2)));
            }
        }

        foreach (var (table, column, type) in columns)
        {
            var target = $"{Quote(HangfireSchema)}.{Quote(table)}";
            var col = Quote(column);
            // Replaced inside the text (the row stays, so Hangfire keeps working); the words around the match are kept.
            var cast = type is "jsonb" or "json" ? $"::{type}" : "";
            await Exec(conn, tx, $"update {target} set {col} = regexp_replace({col}::text, $1, '[erased]', 'g'){cast} where {col}::text ~ $1", ct, pattern);
        }
    }

    /// <summary>A POSIX regular expression matching any of the alternatives as a whole word (not inside a longer id or word).</summary>
    private static string WholeWord(string alternatives) => $"(^|[^[:alnum:]_])({alternatives})($|[^[:alnum:]_])";

    /// <summary>
    /// The same whole word for replacing: the neighbours are looked at, not taken, so a mention right after another
    /// ("&lt;@U1&gt; &lt;@U1&gt;") is replaced as well.
    /// </summary>
    private static string Standalone(string alternatives) => $"(?<![[:alnum:]_])(?:{alternatives})(?![[:alnum:]_])";

    /// <summary>Every character that is not a letter or digit escaped: in PostgreSQL's regular expressions "\x" for a non-alphanumeric x is x itself.</summary>
    private static string Literal(string text)
    {
        var b = new StringBuilder(text.Length * 2);
        foreach (var c in text)
        {
            if (!char.IsLetterOrDigit(c))
            {
                b.Append('\\');
            }

            b.Append(c);
        }

        return b.ToString();
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static async Task Exec(NpgsqlConnection conn, NpgsqlTransaction tx, string sql, CancellationToken ct, params object?[] args)
    {
        await using var cmd = Command(conn, tx, sql, args);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static NpgsqlCommand Command(NpgsqlConnection conn, NpgsqlTransaction tx, string sql, params object?[] args)
    {
        var cmd = new NpgsqlCommand(sql, conn, tx);
        foreach (var a in args)
        {
            cmd.Parameters.Add(new() { Value = a ?? DBNull.Value });
        }

        return cmd;
    }
}
