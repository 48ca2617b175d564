using System.Text.RegularExpressions;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using PeerBot.Bot.Tests.Infrastructure;
using PeerBot.Scheduler.Pulse;

namespace PeerBot.Bot.Tests.Pulse;

/// <summary>Reading the database as an adversary would, while a pulse is open and after it closes; and a pulse whose follow-up jobs were never scheduled.</summary>
public sealed partial class PulseUnlinkabilityTests : IAsyncLifetime
{
    // Wednesday 4 March 2026, 22:00 UTC.
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 4, 22, 0, 0, TimeSpan.Zero));
    private PeerBotApp _app = null!;

    public async Task InitializeAsync() => _app = await PeerBotApp.StartAsync(
        new() { ["PeerBot:Admins"] = "UADMIN", ["PeerBot:Outbox:WorkspaceMessagesPerSecond"] = "0" },
        services =>
        {
            services.AddSingleton<TimeProvider>(_clock);
            // The job that opens a pulse dies between its commit and scheduling the reminder and close.
            services.AddSingleton<IBackgroundJobClient>(sp => new NoPulseFollowUps(new BackgroundJobClient(sp.GetRequiredService<JobStorage>())));
        });

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private DateTimeOffset Now => _clock.GetUtcNow();

    private async Task<Guid> OpenWithAnswersAsync(IReadOnlyList<(string User, string Cohort, int[] Values, string? Comment)> people, params string[] silent)
    {
        foreach (var (user, cohort, _, _) in people)
        {
            await _app.SayTextAsync($"join role:peer subjects:math grades:6-8 cohort:{cohort}", user, Now);
        }

        foreach (var user in silent)
        {
            await _app.SayTextAsync("join role:peer subjects:math grades:6-8 cohort:quiet", user, Now);
        }

        Assert.Contains("Pulse opened", await _app.SayTextAsync("admin pulse now", "UADMIN", Now), StringComparison.Ordinal);
        foreach (var (user, _, values, comment) in people)
        {
            var blocks = (await _app.InvitationAsync(user)).BlocksJson!;
            if (comment is null)
            {
                await _app.AnswerAsync(user, blocks, values, Now);
                continue;
            }

            foreach (var v in values)
            {
                blocks = (await _app.PressAsync(user, PulseMessages.AnswerAction, PulseHarness.Buttons(blocks, PulseMessages.AnswerAction)[v - 1], Now))!["blocks"]!.ToJsonString();
            }

            // The thank-you comes back where the comment started: waited for, so the next person acts after this one is stored.
            var thanks = await _app.SubmitCommentAsync(user, PulseHarness.Buttons(blocks, PulseMessages.CommentAction)[0], comment, Now);
            Assert.Contains("your answers are in", thanks.Text, StringComparison.Ordinal);
        }

        return await _app.ScalarAsync<Guid>("select id from pulses");
    }

    [Fact]
    public async Task DatabaseReader_WhilePulseIsOpen_CannotTieAnyAnswerOrCommentToTheMemberWhoGaveIt()
    {
        var pulse = await OpenWithAnswersAsync(
        [
            ("UANA", "new-2026", [1, 2, 3], null), ("UBEN", "new-2026", [5, 4, 3], "Planning time, please."), ("UCAL", "district-b", [2, 2, 2], null),
            ("UDEV", "district-b", [4, 1, 5], "More coaching."), ("UEVE", "new-2026", [3, 5, 1], null),
        ], "UFAY");
        await AwaitCommentsAsync(pulse, 2);
        await using var conn = new NpgsqlConnection(_app.ConnectionString);
        await conn.OpenAsync();

        // Where answers live: no column that could point to a person, a time or an order of arrival.
        foreach (var table in new[] { "pulse_tallies", "pulse_comments" })
        {
            var columns = await ListAsync(conn, "select column_name || ':' || data_type || ':' || coalesce(column_default, '') || ':' || is_identity from information_schema.columns where table_name = $1", table);
            Assert.DoesNotContain(columns, c => c.Contains("time", StringComparison.Ordinal) || c.Contains(":date", StringComparison.Ordinal) || c.Contains("nextval", StringComparison.Ordinal) || c.EndsWith(":YES", StringComparison.Ordinal) || c.StartsWith("member", StringComparison.Ordinal));
        }

        // Transaction ids: every tally row and every comment of the pulse carries one and the same xmin.
        var tallyXmins = await ListAsync(conn, "select distinct xmin::text from pulse_tallies where pulse_id = $1", pulse);
        var commentXmins = await ListAsync(conn, "select distinct xmin::text from pulse_comments where pulse_id = $1", pulse);
        Assert.Single(tallyXmins);
        Assert.Single(commentXmins);
        Assert.Equal(6L, await _app.ScalarAsync<long>("select count(*) from pulse_participation where pulse_id = $1", pulse));

        // The adversary's join: for each answerer, the rows anywhere in the database written by their transaction or its neighbours.
        var marks = await ListAsync(conn, "select m.external_user_id || '=' || x.xmin::text from pulse_participation x join members m on m.id = x.member_id where x.pulse_id = $1 and x.answered", pulse);
        Assert.Equal(5, marks.Count);
        foreach (var mark in marks)
        {
            var xid = long.Parse(mark[(mark.IndexOf('=', StringComparison.Ordinal) + 1)..], System.Globalization.CultureInfo.InvariantCulture);
            foreach (var (table, rows) in await RowsNearAsync(conn, xid))
            {
                // Only the whole set of the pulse's tallies or comments (all rewritten by the latest writer) may share a neighbourhood: never part of it.
                Assert.True(table is "pulse_participation" or "pulse_tallies" or "pulse_comments" || !rows.Any(r => r.Contains(pulse.ToString("N"), StringComparison.Ordinal) && AnswerPattern().IsMatch(r)), $"{table} near {mark}");
                if (table == "pulse_tallies")
                {
                    Assert.Equal(await _app.ScalarAsync<long>("select count(*) from pulse_tallies where pulse_id = $1", pulse), rows.Count);
                }

                if (table == "pulse_comments")
                {
                    Assert.Equal(2, rows.Count);
                }
            }
        }

        // Nothing anywhere (outbox, Hangfire, any schema) or in the logs holds a member's answers as their button value carried them.
        var everything = string.Join('\n', (await RowsNearAsync(conn, null)).SelectMany(t => t.Rows));
        foreach (var answers in new[] { "123", "543", "222", "415", "351" })
        {
            Assert.DoesNotContain($"{pulse:N}:{answers}", everything, StringComparison.Ordinal);
            Assert.DoesNotContain(_app.Logs.Lines, l => l.Contains($"{pulse:N}:{answers}", StringComparison.Ordinal));
        }

        Assert.DoesNotContain(_app.Logs.Lines, l => l.Contains("Planning time", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Pulse_WhoseReminderAndCloseWereNeverScheduled_IsRemindedAndClosedByTheSweeper_AndThenNamesNobody()
    {
        var pulse = await OpenWithAnswersAsync([("UANA", "new-2026", [3, 3, 3], null)], "UBEN");
        Assert.Contains(_app.Logs.Lines, l => l.Contains("could not be scheduled", StringComparison.Ordinal));
        Assert.Equal(0L, await _app.ScalarAsync<long>("select count(*) from hangfire.job where invocationdata::text like '%PulseJob%'"));

        // Two days on, the hourly sweep on this instance sends the reminder, to the one who has not answered.
        _clock.Advance(PulseJob.ReminderAfter + TimeSpan.FromHours(1));
        await WaitUntilAsync("select count(*) = 1 from outbox where purpose = 'pulse reminder'");
        Assert.Equal("UBEN", await _app.ScalarAsync<string>("select array_to_string(recipients, ',') from outbox where purpose = 'pulse reminder'"));

        // Past closing time, it closes: once, however many instances sweep.
        _clock.Advance(PulseJob.OpenFor - PulseJob.ReminderAfter);
        await WaitUntilAsync("select bool_and(closed) from pulses");
        await using (var second = await PeerBotApp.StartAsync(new() { ["PeerBot:Admins"] = "UADMIN" }, s => s.AddSingleton<TimeProvider>(_clock), connectionString: _app.ConnectionString))
        {
            Assert.Equal(0, await second.Services.GetRequiredService<PulseJob>().SweepAsync(CancellationToken.None));
        }

        Assert.Equal("2/1", await _app.ScalarAsync<string>("select invited || '/' || answered from pulses"));
        Assert.Equal(3L, await _app.ScalarAsync<long>("select sum(answers) from pulse_tallies"));
        // Delivery records of the closed pulse name nobody: participation and the pulse's outbox rows went in the same step.
        Assert.Equal(0L, await _app.ScalarAsync<long>("select count(*) from pulse_participation"));
        Assert.Equal(0L, await _app.ScalarAsync<long>($"select count(*) from outbox where delivery_key like 'pulse:{pulse:N}:%'"));
        Assert.Single(await ListAsync(new NpgsqlConnection(_app.ConnectionString), "select distinct xmin::text from pulse_tallies where pulse_id = $1", pulse));
    }

    private async Task AwaitCommentsAsync(Guid pulse, int count)
    {
        for (var i = 0; i < 500 && await _app.ScalarAsync<long>("select count(*) from pulse_comments where pulse_id = $1", pulse) < count; i++)
        {
            await Task.Delay(20);
        }
    }

    private async Task WaitUntilAsync(string sql)
    {
        for (var i = 0; i < 1500; i++)
        {
            if (await _app.ScalarAsync<bool?>(sql) == true)
            {
                return;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"Never true: {sql}{Environment.NewLine}{_app.Logs}");
    }

    private static async Task<List<string>> ListAsync(NpgsqlConnection conn, string sql, object arg)
    {
        if (conn.State != System.Data.ConnectionState.Open)
        {
            await conn.OpenAsync();
        }

        await using var cmd = new NpgsqlCommand(sql, conn);
        cmd.Parameters.Add(new() { Value = arg });
        await using var r = await cmd.ExecuteReaderAsync();
        var list = new List<string>();
        while (await r.ReadAsync())
        {
            list.Add(r.GetString(0));
        }

        return list;
    }

    /// <summary>Every row of every table in every schema, as JSON; only those written within two transactions of <paramref name="xid"/> when given.</summary>
    private static async Task<List<(string Table, List<string> Rows)>> RowsNearAsync(NpgsqlConnection conn, long? xid)
    {
        var tables = new List<string>();
        await using (var cmd = new NpgsqlCommand("select format('%I.%I', table_schema, table_name) from information_schema.tables where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')", conn))
        await using (var r = await cmd.ExecuteReaderAsync())
        {
            while (await r.ReadAsync())
            {
                tables.Add(r.GetString(0));
            }
        }

        var result = new List<(string, List<string>)>();
        foreach (var table in tables)
        {
            var where = xid is { } x ? $" where xmin::text::bigint between {x - 2} and {x + 2}" : "";
            await using var cmd = new NpgsqlCommand($"select row_to_json(t)::text from {table} t{where}", conn);
            await using var r = await cmd.ExecuteReaderAsync();
            var rows = new List<string>();
            while (await r.ReadAsync())
            {
                rows.Add(r.GetString(0));
            }

            if (rows.Count > 0)
            {
                result.Add((table[(table.IndexOf('.', StringComparison.Ordinal) + 1)..].Trim('"'), rows));
            }
        }

        return result;
    }

    // A member's answers as a button value carries them: a pulse id and two or more of 1–5.
    [GeneratedRegex(@"[0-9a-f]{32}:[1-5]{2,}")]
    private static partial Regex AnswerPattern();

    /// <summary>A job client that fails to schedule the pulse's follow-up jobs (as a crash right after the commit would).</summary>
    private sealed class NoPulseFollowUps(IBackgroundJobClient inner) : IBackgroundJobClient
    {
        public string Create(Job job, IState state) => job.Type == typeof(PulseJob) && state is ScheduledState
            ? throw new InvalidOperationException("job storage went away")
            : inner.Create(job, state);

        public bool ChangeState(string jobId, IState state, string expectedState) => inner.ChangeState(jobId, state, expectedState);
    }
}
