using PeerBot.Bot.Tests.Infrastructure;

namespace PeerBot.Bot.Tests.Scheduler;

public sealed class TwoHostsTests
{
    [Fact]
    public async Task TwoHosts_OneDatabase_EachRecipientGetsExactlyOneMessage()
    {
        var settings = new Dictionary<string, string?> { ["PeerBot:Outbox:BatchSize"] = "10", ["PeerBot:Outbox:PollInterval"] = "00:00:00.050" };
        await using var first = await PeerBotApp.StartAsync(settings);
        await using var second = await PeerBotApp.StartAsync(settings, connectionString: first.ConnectionString);
        var workspace = await first.WorkspaceAsync();

        // Both instances enqueue the same job run (as a retried or doubly-started job would): keys collide, nothing doubles.
        var entries = Enumerable.Range(1, 200).Select(i => OutboxHarness.Dm($"two:{i}", $"U{i:D3}")).ToArray();
        var added = await Task.WhenAll(first.EnqueueAsync(workspace, entries), second.EnqueueAsync(await second.WorkspaceAsync(), entries));
        Assert.Equal(200, added.Sum());
        await first.DrainedAsync();

        var posted = first.Slack.Posted.Concat(second.Slack.Posted).ToList();
        Assert.Equal(200, posted.Count);
        Assert.Equal(200, posted.Select(p => p.Channel).Distinct().Count());
        Assert.True(first.Slack.Posted.Count > 0 && second.Slack.Posted.Count > 0, "both instances should have taken a share");
    }
}
