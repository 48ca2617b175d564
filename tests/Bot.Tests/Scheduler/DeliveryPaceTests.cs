using System.Globalization;
using Npgsql;
using PeerBot.Bot.Tests.Infrastructure;

namespace PeerBot.Bot.Tests.Scheduler;

/// <summary>
/// One workspace's pace as Slack sees it, when sends are held up on their way there: two instances share the pace, and
/// some of their sends are late between taking their turn and reaching Slack (the database slow at the claim fence,
/// Slack slow to open conversations). A late send must not land next to the on-time ones: Slack never sees a burst.
/// </summary>
public sealed class DeliveryPaceTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const int Messages = 12;
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["PeerBot:Outbox:WorkspaceMessagesPerSecond"] = (1 / Interval.TotalSeconds).ToString(CultureInfo.InvariantCulture),
        // Small claims: both instances work the round, each several sends ahead of Slack.
        ["PeerBot:Outbox:BatchSize"] = "4",
        ["PeerBot:Outbox:Concurrency"] = "4",
        ["PeerBot:Outbox:PollInterval"] = "00:00:00.050",
        // Claims renewed rarely: a renewal waiting on the test's lock would pass for a stuck send.
        ["PeerBot:Outbox:Lease"] = "00:01:00",
    };

    [Fact]
    public async Task SendsHeldUpAtTheClaimFence_TakeFreshTurns_SoSlackNeverSeesABurst()
    {
        await using var slack = await FakeSlack.StartAsync();
        await using var first = await PeerBotApp.StartAsync(Settings, slack: slack);
        await using var second = await PeerBotApp.StartAsync(Settings, connectionString: first.ConnectionString, slack: slack);
        await first.EnqueueAsync(await first.WorkspaceAsync(), Round("fence"));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await slack.WaitForAsync("chat.postMessage", 1);
        output.WriteLine($"first post {clock.ElapsedMilliseconds} ms");

        // The database is slow for the claimed sends not yet handed over: their fence (the hand-over's write) waits on a
        // lock the test holds, while their turns pass and the other sends go out on theirs.
        await using var db = new NpgsqlConnection(first.ConnectionString);
        await db.OpenAsync();
        await using (var tx = await db.BeginTransactionAsync())
        {
            await using (var lockRows = new NpgsqlCommand("select count(*) from (select id from outbox where state = 'sending' and not uncertain for update skip locked) held", db, tx))
            {
                Assert.True((long)(await lockRows.ExecuteScalarAsync())! >= 3, "several claimed sends should be waiting for their turn");
            }

            // Released once three sends are stuck at their fence, each past its turn.
            await WaitUntilAsync(async () =>
            {
                await using var stuck = new NpgsqlCommand("select count(*) from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'", db, tx);
                return (long)(await stuck.ExecuteScalarAsync())! >= 3;
            }, "three sends waiting at the claim fence");
            await Task.Delay(Interval);
            await tx.CommitAsync();
            output.WriteLine($"released {clock.ElapsedMilliseconds} ms");
        }

        await first.DrainedAsync(60_000);
        output.WriteLine($"drained {clock.ElapsedMilliseconds} ms");
        AssertEachArrivedOnce_WithoutABurst(slack, "fence");
    }

    [Fact]
    public async Task SendsHeldUpOpeningTheirConversation_TakeTheirTurnsAfterwards_SoSlackNeverSeesABurst()
    {
        await using var slack = await FakeSlack.StartAsync();
        await using var first = await PeerBotApp.StartAsync(Settings, slack: slack);
        await using var second = await PeerBotApp.StartAsync(Settings, connectionString: first.ConnectionString, slack: slack);

        // Slack is slow to open conversations for a second (four turns) just as the round starts.
        slack.Hold("conversations.open", 4 * Interval);
        await first.EnqueueAsync(await first.WorkspaceAsync(), Round("open"));

        await first.DrainedAsync(60_000);
        Assert.True(slack.Held >= 3, $"Slack should have held several sends on their way ({slack.Held})");
        AssertEachArrivedOnce_WithoutABurst(slack, "open");
    }

    private static PeerBot.Scheduler.Delivery.OutboxEntry[] Round(string name) =>
        [.. Enumerable.Range(1, Messages).Select(i => OutboxHarness.Dm($"{name}:{i}", $"U{i:D3}"))];

    /// <summary>
    /// Every message once, and never three within one interval: whatever the instance, a send uses its own turn or a
    /// fresh one, so two sends are at least half an interval apart at Slack's door (three on-time ones span two intervals).
    /// </summary>
    private void AssertEachArrivedOnce_WithoutABurst(FakeSlack slack, string name)
    {
        var posted = slack.Posted.Where(p => p.DeliveryKey!.StartsWith(name + ":", StringComparison.Ordinal)).OrderBy(p => p.At).ToList();
        Assert.Equal(Messages, posted.Count);
        Assert.Equal(Messages, posted.Select(p => p.DeliveryKey).Distinct().Count());
        var gaps = string.Join(" ", posted.Zip(posted.Skip(1), (a, b) => ((int)(b.At - a.At).TotalMilliseconds).ToString(CultureInfo.InvariantCulture)));
        output.WriteLine($"{name}: gaps (ms) {gaps}");
        var crowded = posted.Select((p, i) => posted.Skip(i).TakeWhile(q => q.At - p.At < Interval).Count()).Max();
        Assert.True(crowded <= 2, $"Slack saw {crowded} messages within one interval of {Interval.TotalMilliseconds} ms; gaps (ms): {gaps}");
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"never saw {what}");
            await Task.Delay(20);
        }
    }
}
