using PeerBot.Bot.Tests.Infrastructure;
using PeerBot.Scheduler.Delivery;

namespace PeerBot.Bot.Tests.Scheduler;

public sealed class OutboxTests : IAsyncLifetime
{
    private PeerBotApp _app = null!;

    public async Task InitializeAsync() => _app = await PeerBotApp.StartAsync(new()
    {
        ["PeerBot:Outbox:RetryBase"] = "00:00:00.200",
        ["PeerBot:Outbox:PollInterval"] = "00:00:00.100",
    });

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Outbox_EnqueuedTwice_DeliversEachKeyOnce_WithTheKeyInMetadata()
    {
        var workspace = await _app.WorkspaceAsync();
        var entries = Enumerable.Range(1, 5).Select(i => OutboxHarness.Dm($"run1:U{i}:hello", $"U{i}")).ToArray();

        Assert.Equal(5, await _app.EnqueueAsync(workspace, entries));
        Assert.Equal(0, await _app.EnqueueAsync(workspace, entries));
        await _app.DrainedAsync();

        var posted = _app.Slack.Posted;
        Assert.Equal(5, posted.Count);
        Assert.Equal(entries.Select(e => e.DeliveryKey).Order(), posted.Select(p => p.DeliveryKey!).Order());
        Assert.All(posted, p => Assert.StartsWith("DU", p.Channel, StringComparison.Ordinal));
        Assert.Equal(5L, await _app.ScalarAsync<long>("select count(*) from outbox where state = 'sent' and message is null"));
    }

    [Fact]
    public async Task Outbox_RowLeftSendingByACrash_IsLookedFor_AndOnlyTheMissingOneIsSent()
    {
        var workspace = await _app.WorkspaceAsync();
        // A crash mid fan-out: both rows had been handed to Slack (so marked uncertain); only the first message had reached it.
        _app.Slack.Seed(["U1"], "Hello from the outbox", "crash:U1");
        foreach (var user in new[] { "U1", "U2" })
        {
            await _app.ScalarAsync<int>("""
                insert into outbox (workspace_id, delivery_key, recipients, channel_key, purpose, message, state, attempts, next_attempt_at, claimed_until, claimed_by, uncertain)
                values ($1, $2, array[$3], $3, 'test', $4::jsonb, 'sending', 1, now() - interval '1 minute', now() - interval '1 second', 'dead-instance', true)
                """, workspace.Id, $"crash:{user}", user, OutboxJson.Serialize(PeerBot.Scheduler.Chat.ChatMessage.Plain("Hello from the outbox")));
        }

        await _app.DrainedAsync();

        Assert.Single(_app.Slack.MessagesIn("DU1"));
        Assert.Single(_app.Slack.MessagesIn("DU2"));
        Assert.Equal(2, _app.Slack.CallsTo("conversations.history").Count);
        Assert.Single(_app.Slack.CallsTo("chat.postMessage"));
        Assert.Equal("sent", await _app.StateAsync("crash:U1"));
        Assert.Equal("sent", await _app.StateAsync("crash:U2"));
    }

    [Fact]
    public async Task Outbox_429Storm_WaitsRetryAfter_ThenDeliversEachOnce()
    {
        var workspace = await _app.WorkspaceAsync();
        for (var i = 0; i < 3; i++)
        {
            _app.Slack.Script("chat.postMessage", 429, """{"ok":false,"error":"ratelimited"}""", "1");
        }

        var started = DateTime.UtcNow;
        await _app.EnqueueAsync(workspace, [.. Enumerable.Range(1, 6).Select(i => OutboxHarness.Dm($"storm:U{i}", $"U{i}"))]);
        await _app.DrainedAsync();

        var posted = _app.Slack.Posted;
        Assert.Equal(6, posted.Count);
        Assert.Equal(6, posted.Select(p => p.DeliveryKey).Distinct().Count());
        // Three 429s and no hidden client retries: 6 deliveries + 3 refused tries.
        Assert.Equal(9, _app.Slack.CallsTo("chat.postMessage").Count);
        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromSeconds(1), "Retry-After: 1 must hold the workspace for a second");
    }

    [Fact]
    public async Task Outbox_PermanentRefusal_BecomesADeadLetter_WithoutRetrying()
    {
        var workspace = await _app.WorkspaceAsync();
        _app.Slack.Script("chat.postMessage", 200, """{"ok":false,"error":"user_not_found"}""");
        await _app.EnqueueAsync(workspace, OutboxHarness.Dm("gone:U9", "U9"));
        await _app.DrainedAsync();

        Assert.Equal("dead", await _app.StateAsync("gone:U9"));
        Assert.Single(_app.Slack.CallsTo("chat.postMessage"));
        var dead = await Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Outbox>(_app.Services)
            .DeadLettersAsync(workspace.Id, 10, CancellationToken.None);
        Assert.Contains("user_not_found", Assert.Single(dead).LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Outbox_TransientFailures_AreRetriedBoundedTimes_ThenDead()
    {
        await using var app = await PeerBotApp.StartAsync(new()
        {
            ["PeerBot:Outbox:RetryBase"] = "00:00:00.050",
            ["PeerBot:Outbox:MaxAttempts"] = "3",
            ["PeerBot:Outbox:PollInterval"] = "00:00:00.050",
        });
        var workspace = await app.WorkspaceAsync();
        for (var i = 0; i < 5; i++)
        {
            app.Slack.Script("chat.postMessage", 200, """{"ok":false,"error":"internal_error"}""");
        }

        await app.EnqueueAsync(workspace, OutboxHarness.Dm("flaky:U1", "U1"));
        await app.DrainedAsync();

        Assert.Equal("dead", await app.StateAsync("flaky:U1"));
        Assert.Equal(3, app.Slack.CallsTo("chat.postMessage").Count);
    }
}
