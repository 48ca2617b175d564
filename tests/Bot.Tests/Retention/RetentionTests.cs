using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using PeerBot.Bot.Retention;
using PeerBot.Bot.Tests.Infrastructure;

namespace PeerBot.Bot.Tests.Retention;

public sealed class RetentionTests
{
    private static readonly DateTimeOffset Now = new(2027, 3, 4, 18, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Sweep_WithDefaults_DeletesOnlyWhatIsPastItsRetention_WhenTheClockMovesOn()
    {
        var clock = new FakeTimeProvider(Now);
        await using var app = await PeerBotApp.StartAsync(services: s => s.AddSingleton<TimeProvider>(clock));
        var workspace = await WorkspaceAsync(app);
        await OutboxAsync(app, workspace, "sent-31d", "sent", sentAt: Now.AddDays(-31));
        await OutboxAsync(app, workspace, "sent-29d", "sent", sentAt: Now.AddDays(-29));
        await OutboxAsync(app, workspace, "dead-91d", "dead", lastAttempt: Now.AddDays(-91));
        await OutboxAsync(app, workspace, "dead-89d", "dead", lastAttempt: Now.AddDays(-89));
        await ExecAsync(app, "insert into slack_events (event_id, team_id, event_type, received_at) values ('Ev-8d', 'T100', 'message', $1), ('Ev-6d', 'T100', 'message', $2)", Now.AddDays(-8), Now.AddDays(-6));
        await PulseWithCommentAsync(app, workspace, "old pulse comment", Now.AddDays(-366), closed: true);
        await PulseWithCommentAsync(app, workspace, "recent pulse comment", Now.AddDays(-300), closed: true);
        await PulseWithCommentAsync(app, workspace, "open pulse comment", Now.AddDays(-400), closed: false);

        // The first sweep ran at start; the next one is due after the interval. On a busy box the first may still be
        // running while these rows go in (it can take the old comment but not a dead letter written after its outbox
        // step), so wait until every row past its retention is gone, then check that nothing else went with them.
        await SweepAfterIntervalAsync(app, clock, """
            select not exists (select 1 from pulse_comments where body = 'old pulse comment')
               and not exists (select 1 from outbox where delivery_key in ('sent-31d', 'dead-91d'))
               and not exists (select 1 from slack_events where event_id = 'Ev-8d')
            """);

        Assert.Equal("dead-89d,sent-29d", await app.ScalarAsync<string>("select string_agg(delivery_key, ',' order by delivery_key) from outbox"));
        Assert.Equal("Ev-6d", await app.ScalarAsync<string>("select string_agg(event_id, ',') from slack_events"));
        Assert.Equal("open pulse comment,recent pulse comment", await app.ScalarAsync<string>("select string_agg(body, ',' order by body) from pulse_comments"));
    }

    [Fact]
    public async Task Sweep_HonoursConfiguredRetention()
    {
        var clock = new FakeTimeProvider(Now);
        // Only this test's sweep runs: the background one, at start, could otherwise take these rows first on a busy box.
        await using var app = await PeerBotApp.StartAsync(
            new() { ["PeerBot:Retention:SentMessages"] = "10.00:00:00", ["PeerBot:Retention:DeadLetters"] = "20.00:00:00", ["PeerBot:Retention:PulseComments"] = "30.00:00:00" },
            s =>
            {
                s.AddSingleton<TimeProvider>(clock);
                s.Remove(s.Single(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(RetentionService)));
            });
        var workspace = await WorkspaceAsync(app);
        await OutboxAsync(app, workspace, "sent-11d", "sent", sentAt: Now.AddDays(-11));
        await OutboxAsync(app, workspace, "sent-9d", "sent", sentAt: Now.AddDays(-9));
        await OutboxAsync(app, workspace, "dead-21d", "dead", lastAttempt: Now.AddDays(-21));
        await OutboxAsync(app, workspace, "dead-19d", "dead", lastAttempt: Now.AddDays(-19));
        await PulseWithCommentAsync(app, workspace, "31 days", Now.AddDays(-31), closed: true);
        await PulseWithCommentAsync(app, workspace, "29 days", Now.AddDays(-29), closed: true);

        var removed = await app.Services.GetRequiredService<RetentionSweep>().RunAsync(CancellationToken.None);

        Assert.Equal(new RetentionResult(1, 1, 0, 1), removed);
        Assert.Equal("dead-19d,sent-9d", await app.ScalarAsync<string>("select string_agg(delivery_key, ',' order by delivery_key) from outbox"));
        Assert.Equal("29 days", await app.ScalarAsync<string>("select string_agg(body, ',') from pulse_comments"));
    }

    private static async Task<Guid> WorkspaceAsync(PeerBotApp app)
    {
        var id = Guid.NewGuid();
        await ExecAsync(app, "insert into workspaces (id, platform, external_id) values ($1, 'slack', 'T100')", id);
        return id;
    }

    private static Task OutboxAsync(PeerBotApp app, Guid workspace, string key, string state, DateTimeOffset? sentAt = null, DateTimeOffset? lastAttempt = null) =>
        ExecAsync(app, """
            insert into outbox (workspace_id, delivery_key, recipients, channel_key, purpose, message, state, attempts, next_attempt_at, sent_at)
            values ($1, $2, array['U1'], 'U1', 'reply', '{}'::jsonb, $3, 1, $4, $5)
            """, workspace, key, state, lastAttempt ?? sentAt ?? Now, (object?)sentAt ?? DBNull.Value);

    private static async Task PulseWithCommentAsync(PeerBotApp app, Guid workspace, string comment, DateTimeOffset openedAt, bool closed)
    {
        var pulse = Guid.NewGuid();
        await ExecAsync(app, "insert into pulses (id, workspace_id, run_key, week, questions, opened_at, closes_at, closed) values ($1, $2, $3, $4, '[]'::jsonb, $5, $6, $7)",
            // An open pulse closes in the future: one already past its closing time is closed by the pulse sweeper at start.
            pulse, workspace, "run-" + pulse.ToString("N"), DateOnly.FromDateTime(openedAt.UtcDateTime), openedAt, closed ? openedAt.AddDays(5) : Now.AddDays(1), closed);
        await ExecAsync(app, "insert into pulse_comments (id, pulse_id, body) values ($1, $2, $3)", Guid.NewGuid(), pulse, comment);
    }

    private static async Task ExecAsync(PeerBotApp app, string sql, params object[] args)
    {
        await using var conn = new NpgsqlConnection(app.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        foreach (var a in args)
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = a });
        }

        await cmd.ExecuteNonQueryAsync();
    }

    private static async Task SweepAfterIntervalAsync(PeerBotApp app, FakeTimeProvider clock, string done)
    {
        for (var interval = 0; interval < 3; interval++)
        {
            clock.Advance(TimeSpan.FromHours(6));
            var deadline = DateTime.UtcNow.AddSeconds(interval < 2 ? 5 : 20);
            while (DateTime.UtcNow < deadline)
            {
                if (await app.ScalarAsync<bool>(done))
                {
                    return;
                }

                await Task.Delay(50);
            }
        }

        Assert.Fail($"no sweep after the interval: {done}\n{string.Join('\n', app.Logs.Lines.TakeLast(20))}");
    }
}
