using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PeerBot.Bot.Slack;
using PeerBot.Bot.Tests.Infrastructure;
using PeerBot.Bot.Tests.Scheduler;

namespace PeerBot.Bot.Tests.Slack;

/// <summary>The Slack client retries only calls that cannot have taken effect twice; a post that may have landed is the outbox's to decide.</summary>
public sealed class SlackRetryTests : IAsyncLifetime
{
    private PeerBotApp _app = null!;

    public async Task InitializeAsync() => _app = await PeerBotApp.StartAsync(new()
    {
        ["Slack:CallTimeout"] = "00:00:01",
        ["PeerBot:Outbox:PollInterval"] = "00:00:00.100",
        ["PeerBot:Outbox:RetryBase"] = "00:00:00.200",
    });

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private SlackApiClient Api => _app.Services.GetRequiredService<SlackApiClient>();

    [Theory]
    [InlineData("chat.postMessage")]
    [InlineData("files.completeUploadExternal")]
    [InlineData("views.open")]
    public async Task TimedOutCall_ThatMayHaveTakenEffect_IsNotRetried(string method)
    {
        _app.Slack.TimeOutAfterEffect(method);

        await Assert.ThrowsAnyAsync<Exception>(() => Api.CallAsync(method, "xoxb-test-token", new JsonObject { ["channel"] = "DU1", ["text"] = "hi" }, CancellationToken.None));

        Assert.Single(_app.Slack.CallsTo(method));
    }

    [Fact]
    public async Task TimedOutResponseUrlPost_IsNotRetried()
    {
        _app.Slack.TimeOutAfterEffect("response_url");

        await Assert.ThrowsAnyAsync<Exception>(() => Api.PostToResponseUrlAsync(_app.Slack.ResponseUrl(), new JsonObject { ["text"] = "done" }, CancellationToken.None));

        Assert.Single(_app.Slack.CallsTo("response_url"));
    }

    [Fact]
    public async Task FailedRead_IsRetried_AndSucceeds()
    {
        _app.Slack.FailBeforeEffect("users.info");

        var body = await Api.CallFormAsync("users.info", "xoxb-test-token", new Dictionary<string, string> { ["user"] = "U1" }, CancellationToken.None);

        Assert.Equal("U1", body.GetProperty("user").GetProperty("id").GetString());
        Assert.Equal(2, _app.Slack.CallsTo("users.info").Count);
    }

    [Fact]
    public async Task TimedOutIntroduction_IsLookedForByTheOutbox_AndArrivesOnce()
    {
        var workspace = await _app.WorkspaceAsync();
        _app.Slack.TimeOutAfterEffect("chat.postMessage");

        await _app.EnqueueAsync(workspace, OutboxHarness.Dm("timeout:U7", "U7"));
        await _app.DrainedAsync();

        Assert.Single(_app.Slack.MessagesIn("DU7"));
        Assert.Single(_app.Slack.CallsTo("chat.postMessage"));
        Assert.Single(_app.Slack.CallsTo("conversations.history"));
        Assert.Equal("sent", await _app.StateAsync("timeout:U7"));
    }
}
