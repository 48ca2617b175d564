using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Npgsql;
using PeerBot.Bot.Commands.Find;
using PeerBot.Bot.Tests.Infrastructure;
using PeerBot.Bot.Tests.Infrastructure.Driver;
using PeerBot.Bot.Tests.Scheduler;
using PeerBot.Bot.Tests.Teams;

namespace PeerBot.Bot.Tests.Commands;

/// <summary>
/// <c>leave</c> erases every trace: after it, a dump of every table of every schema (Hangfire's included, every text
/// and jsonb column) contains neither the person's platform id, nor their name, nor their school, nor their member id.
/// </summary>
public sealed class LeaveErasureTests
{
    private const string Leaver = "U7LEAVE", Friend = "U7FRIEND", Third = "U7THIRD", Admin = "UADMIN7";
    private const string LeaverName = "Zora Quill", School = "Quillfield Academy";

    [Fact]
    public async Task Leave_InSlack_LeavesNothingInAnySchemaThatNamesThePerson()
    {
        await using var app = await PeerBotApp.StartAsync(new()
        {
            ["PeerBot:Admins"] = Admin,
            ["PeerBot:Outbox:PollInterval"] = "00:00:00.100",
        });

        // The App Home welcome marker, from a visit before joining.
        await app.SlackTeacher(Leaver, userName: LeaverName).OpenHomeAsync();
        Assert.Equal(1L, await app.ScalarAsync<long>("select count(*) from slack_home_welcomes where external_user_id = $1", Leaver));

        await JoinAsync(app, Leaver, LeaverName, $"role:peer subjects:math grades:6-8 years:3 school:\"{School}\" tz:America/Chicago");
        await JoinAsync(app, Friend, "Milo Brandt", "role:peer subjects:math grades:6-8 years:5 school:\"Lincoln MS\" tz:America/Chicago");
        await JoinAsync(app, Third, "Ines Park", "role:peer subjects:math grades:6-8 years:9 school:\"Lincoln MS\" tz:America/Chicago");
        var memberId = (await app.ScalarAsync<Guid>("select id from members where external_user_id = $1", Leaver)).ToString("N");

        // A dead letter: Slack refuses to open the say-hi conversation for good.
        app.Slack.Script("conversations.open", 200, """{"ok":false,"error":"user_not_found"}""");
        Assert.Contains("opened a chat", await app.ClickAsync(Third, SayHiAction.Id, Leaver), StringComparison.Ordinal);
        await app.DrainedAsync();
        Assert.Equal(1L, await app.ScalarAsync<long>("select count(*) from outbox where state = 'dead' and $1 = any(recipients)", Leaver));

        // A delivered say-hi naming both, and a round's introductions.
        Assert.Contains("opened a chat", await app.ClickAsync(Friend, SayHiAction.Id, Leaver), StringComparison.Ordinal);
        Assert.Contains("introduced", await app.ReplyAsync("admin round now", Admin), StringComparison.Ordinal);
        await app.DrainedAsync();
        Assert.Contains(app.Slack.Posted, m => m.Text.Contains(LeaverName, StringComparison.Ordinal));

        // Thanks the person gave and received (with notes naming them), still waiting for after class to be delivered.
        Assert.Contains("Thanks sent to Milo Brandt", await ReplyAsync(app, $"thanks <@{Friend}|milo> you made my week", Leaver, LeaverName), StringComparison.Ordinal);
        Assert.Contains($"Thanks sent to {LeaverName}", await ReplyAsync(app, $"thanks <@{Leaver}|zora> Thanks {LeaverName}, see you soon", Friend, "Milo Brandt"), StringComparison.Ordinal);
        Assert.Equal(2L, await app.ScalarAsync<long>("select count(*) from thanks"));

        // Words others wrote about the person: a thanks between two others, and an anonymous question, naming them twice.
        Assert.Contains("Thanks sent to Ines Park", await ReplyAsync(app, $"thanks <@{Third}|ines> for bringing <@{Leaver}> <@{Leaver}> and zora quill along", Friend, "Milo Brandt"), StringComparison.Ordinal);
        await ReplyAsync(app, $"ask How do I help {LeaverName}'s class settle after the move? #math", Friend, "Milo Brandt");
        Assert.Equal(1L, await app.ScalarAsync<long>("select count(*) from ask_questions where body like '%Zora Quill%'"));

        // Someone else's pending message that names the person (as a thank-you note would), one that only looks
        // alike ("Zoranna"), and a Hangfire record quoting the person (as a failed job's exception would).
        await app.ScalarAsync<int>("""
            insert into outbox (workspace_id, delivery_key, recipients, channel_key, purpose, message, next_attempt_at)
            select id, k, array[r], r, 'note', jsonb_build_object('text', t), now() + interval '1 day' from workspaces,
                   (values ('note:1', $1, 'Zora Quill says thanks for the chat'), ('note:2', $2, 'Zoranna says hello')) as v(k, r, t)
            """, Third, Friend);
        await app.ScalarAsync<int>("insert into hangfire.hash (key, field, value) values ('peerbot-test', 'Note', $1)",
            $"users.info failed for {Leaver} ({LeaverName})");

        var reply = await ReplyAsync(app, "leave", Leaver, LeaverName);
        Assert.Contains("erased", reply, StringComparison.Ordinal);

        var notes = await app.ScalarAsync<string>("select string_agg(note, ' | ') from thanks");
        Assert.Equal("for bringing ‹@[erased]› ‹@[erased]› and [erased] along", notes?.Replace('<', '‹').Replace('>', '›'));
        Assert.Equal("How do I help [erased]'s class settle after the move?", await app.ScalarAsync<string>("select body from ask_questions"));
        var dump = await DumpEverythingAsync(app.ConnectionString);
        Assert.DoesNotContain(Leaver, dump, StringComparison.Ordinal);
        Assert.DoesNotContain(LeaverName, dump, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Quillfield", dump, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(memberId, dump, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Guid.ParseExact(memberId, "N").ToString("D"), dump, StringComparison.OrdinalIgnoreCase);

        // What is not theirs stays: the others, the look-alike message, the Hangfire record (scrubbed, not broken).
        Assert.Contains(Friend, dump, StringComparison.Ordinal);
        Assert.Contains("Milo Brandt", dump, StringComparison.Ordinal);
        Assert.Contains("Zoranna says hello", dump, StringComparison.Ordinal);
        Assert.Equal("users.info failed for [erased] ([erased])", await app.ScalarAsync<string>("select value from hangfire.hash where key = 'peerbot-test' and field = 'Note'"));
        Assert.Contains("not a PeerBot member", await ReplyAsync(app, "leave", Leaver, LeaverName), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Leave_InTeams_ErasesTheConversationReferenceAndEveryMention()
    {
        var (bf, app) = await TeamsApp.StartAsync(new() { ["PeerBot:Outbox:PollInterval"] = "00:00:00.100" });
        await using var _ = app;
        await using var __ = bf;
        const string user = "29:1zora-quill-teams", name = "Zora Quill";
        var zora = app.TeamsTeacher(bf, user, name);
        Assert.Contains("Welcome to PeerBot", (await zora.TypeAsync($"join role:peer subjects:art grades:k-2 years:2 school:\"{School}\" tz:Europe/Berlin")).Text, StringComparison.Ordinal);
        Assert.Contains("Welcome to PeerBot", (await app.TeamsTeacher(bf, "29:other", "Omar Tal").TypeAsync("join role:peer subjects:art grades:k-2 years:2")).Text, StringComparison.Ordinal);
        Assert.Equal(1L, await app.ScalarAsync<long>("select count(*) from teams_conversations where user_id = $1", user));

        Assert.Contains("erased", (await zora.TypeAsync("leave")).Text, StringComparison.Ordinal);

        var dump = await DumpEverythingAsync(app.ConnectionString);
        Assert.DoesNotContain(user, dump, StringComparison.Ordinal);
        Assert.DoesNotContain(name, dump, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Quillfield", dump, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Omar Tal", dump, StringComparison.Ordinal);
    }

    /// <summary>Joins as a person whom Slack calls <paramref name="name"/> (users.info), which is how PeerBot names them.</summary>
    private static async Task JoinAsync(PeerBotApp app, string user, string name, string fields)
    {
        app.Slack.Names[user] = (name, name);
        Assert.Contains("Welcome to PeerBot", await ReplyAsync(app, $"join {fields}", user, name), StringComparison.Ordinal);
    }

    /// <summary>The reply to <c>/peer {text}</c> typed by a person with this display name (inline, or through response_url when slow).</summary>
    private static async Task<string> ReplyAsync(PeerBotApp app, string text, string user, string name) =>
        (await app.SlackTeacher(user, userName: name).TypeAsync(text)).Raw["text"]!.GetValue<string>();

    /// <summary>Every row of every table in every schema (PeerBot's, Hangfire's, the migrations'), as text.</summary>
    private static async Task<string> DumpEverythingAsync(string connectionString)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("""
            select format('%I.%I', table_schema, table_name) from information_schema.tables
            where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')
            """, conn))
        await using (var r = await list.ExecuteReaderAsync())
        {
            while (await r.ReadAsync())
            {
                tables.Add(r.GetString(0));
            }
        }

        Assert.Contains(tables, t => t.StartsWith("hangfire.", StringComparison.Ordinal));
        var dump = new StringBuilder();
        foreach (var table in tables)
        {
            await using var rows = new NpgsqlCommand($"select coalesce(string_agg(t::text, E'\\n'), '') from {table} t", conn);
            dump.Append(table).Append('\n').Append((string)(await rows.ExecuteScalarAsync())!).Append('\n');
        }

        return dump.ToString();
    }
}
