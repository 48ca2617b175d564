using PeerBot.Bot.Tests.Infrastructure;

namespace PeerBot.Bot.Tests.Scheduler;

/// <summary>The outbox under Slack's backpressure, a graceful stop, and several instances sharing one workspace's pace.</summary>
public sealed class OutboxFencingTests
{
    [Fact]
    public async Task HalfOfSlacksAnswersAre429_NothingIsLostOrDead_AndEachMessageArrivesOnce()
    {
        // Two counted tries only: a 429 that counted would dead-letter most of these.
        await using var app = await PeerBotApp.StartAsync(new()
        {
            ["PeerBot:Outbox:MaxAttempts"] = "2",
            ["PeerBot:Outbox:PollInterval"] = "00:00:00.100",
            ["PeerBot:Outbox:WorkspaceMessagesPerSecond"] = "0",
        });
        app.Slack.RateLimitShare["chat.postMessage"] = 0.5;
        var workspace = await app.WorkspaceAsync();

        await app.EnqueueAsync(workspace, [.. Enumerable.Range(1, 30).Select(i => OutboxHarness.Dm($"storm:{i}", $"U{i:D3}"))]);
        await app.DrainedAsync(120_000);

        Assert.True(app.Slack.RateLimited > 5, $"the storm should have refused many sends ({app.Slack.RateLimited})");
        Assert.Equal(0L, await app.ScalarAsync<long>("select count(*) from outbox where state = 'dead'"));
        Assert.Equal(30, app.Slack.Posted.Count);
        Assert.Equal(30, app.Slack.Posted.Select(p => p.DeliveryKey).Distinct().Count());
    }

    [Fact]
    public async Task GracefulStop_GivesClaimedRowsBack_SoAnotherInstanceSendsThemAtOnce_EachArrivingOnce()
    {
        var slow = new Dictionary<string, string?>
        {
            ["PeerBot:Outbox:WorkspaceMessagesPerSecond"] = "2",
            ["PeerBot:Outbox:Lease"] = "00:05:00",
            ["PeerBot:Outbox:PollInterval"] = "00:00:00.100",
        };
        // One Slack for both instances, as in production. It answers each post slowly, so the stop catches a post that
        // Slack has taken but not yet answered: the second instance must look for it there rather than send it again.
        await using var slack = await FakeSlack.StartAsync();
        slack.PostDelay = TimeSpan.FromSeconds(1.5);
        var first = await PeerBotApp.StartAsync(slow, slack: slack);
        var workspace = await first.WorkspaceAsync();
        await first.EnqueueAsync(workspace, [.. Enumerable.Range(1, 20).Select(i => OutboxHarness.Dm($"handover:{i}", $"U{i:D3}"))]);
        await slack.WaitForAsync("chat.postMessage", 2, 30_000);
        await first.DisposeAsync();
        var sentBeforeTheStop = slack.Posted.Count;

        // Not left claimed for the (five-minute) lease: back to pending at once.
        Assert.Equal(0L, await first.ScalarAsync<long>("select count(*) from outbox where state = 'sending' or claim_token is not null"));
        Assert.InRange(sentBeforeTheStop, 2, 19);
        await using var second = await PeerBotApp.StartAsync(new() { ["PeerBot:Outbox:PollInterval"] = "00:00:00.100" }, connectionString: first.ConnectionString, slack: slack);
        await second.DrainedAsync(30_000);

        Assert.Equal(20, slack.Posted.Count);
        Assert.Equal(20, slack.Posted.Select(p => p.DeliveryKey).Distinct().Count());
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public async Task SeveralInstances_SendOneWorkspacesMessages_AtTheOneAllowedRate_WithoutDuplicates(int instances)
    {
        const double rate = 8;
        const int messages = 60;
        var settings = new Dictionary<string, string?>
        {
            ["PeerBot:Outbox:WorkspaceMessagesPerSecond"] = rate.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["PeerBot:Outbox:BatchSize"] = "10",
            ["PeerBot:Outbox:PollInterval"] = "00:00:00.050",
        };
        var apps = new List<PeerBotApp> { await PeerBotApp.StartAsync(settings) };
        try
        {
            var slack = apps[0].Slack;
            settings["Slack:ApiBaseUrl"] = slack.ApiBaseUrl.ToString();
            for (var i = 1; i < instances; i++)
            {
                apps.Add(await PeerBotApp.StartAsync(settings, connectionString: apps[0].ConnectionString));
            }

            var workspace = await apps[0].WorkspaceAsync();
            // A warm-up round first: an instance's first send pays for its cold start, which would bunch the measured ones.
            await apps[0].EnqueueAsync(workspace, [.. Enumerable.Range(1, 5 * instances).Select(i => OutboxHarness.Dm($"warm:{i}", $"W{i:D3}"))]);
            await apps[0].DrainedAsync(60_000);
            await apps[0].EnqueueAsync(workspace, [.. Enumerable.Range(1, messages).Select(i => OutboxHarness.Dm($"pace:{i}", $"U{i:D3}"))]);
            await apps[0].DrainedAsync(60_000);

            var posted = slack.Posted.Where(p => p.DeliveryKey!.StartsWith("pace:", StringComparison.Ordinal)).OrderBy(p => p.At).ToList();
            Assert.Equal(messages, posted.Count);
            Assert.Equal(messages, posted.Select(p => p.DeliveryKey).Distinct().Count());
            var achieved = SendingRate(posted);
            Assert.InRange(achieved, rate * 0.95, rate * 1.05);
            Assert.True(await apps[0].ScalarAsync<long>("select count(distinct claimed_by) from outbox where delivery_key like 'pace:%'") > 1, "more than one instance should have sent");
        }
        finally
        {
            foreach (var app in apps)
            {
                await app.DisposeAsync();
            }
        }
    }

    /// <summary>Messages per second as Slack saw them: the least-squares slope of message count over arrival time (one late arrival does not skew it).</summary>
    public static double SendingRate(IReadOnlyList<PostedMessage> posted)
    {
        var t = posted.Select(p => (p.At - posted[0].At).TotalSeconds).ToArray();
        var meanT = t.Average();
        var meanN = (posted.Count - 1) / 2.0;
        return t.Select((x, i) => (x - meanT) * (i - meanN)).Sum() / t.Sum(x => (x - meanT) * (x - meanT));
    }
}
