using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PeerBot.Bot.Slack.Events;
using PeerBot.Bot.Tests.Infrastructure;

namespace PeerBot.Bot.Tests.Slack;

public sealed class SlackEventsTests : IAsyncLifetime
{
    private const string Teacher = "U043H11ES4V";
    private PeerBotApp _app = null!;

    public async Task InitializeAsync() => _app = await PeerBotApp.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task EventIds_AreForgottenAfterTheRetryWindow_WhileRecentOnesStillStopRetries()
    {
        await _app.ScalarAsync<int>("insert into slack_events (event_id, team_id, event_type, received_at) values ('Ev-old', 'T100', 'app_home_opened', now() - interval '8 days')");
        await _app.ScalarAsync<int>("insert into slack_events (event_id, team_id, event_type, handled_at) values ('Ev-new', 'T100', 'app_home_opened', now())");
        var log = _app.Services.GetRequiredService<SlackEventLog>();

        // The retention sweep may have taken it already at start: either way it is gone and the recent one stays.
        await log.PruneAsync(DateTimeOffset.UtcNow - new PeerBot.Bot.Retention.RetentionOptions().SlackEvents, CancellationToken.None);

        Assert.Equal("Ev-new", await _app.ScalarAsync<string>("select string_agg(event_id, ',') from slack_events"));
        Assert.False(await log.TryClaimAsync("Ev-new", "T100", "app_home_opened", JsonDocument.Parse("{}").RootElement, CancellationToken.None));
    }

    [Fact]
    public async Task UrlVerification_EchoesTheChallenge()
    {
        var response = await SendEventAsync(Paths.ReadFixture("slack_event_url_verification.json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", body["challenge"]!.GetValue<string>());
    }

    [Fact]
    public async Task UnsignedEvent_IsRejectedWith401()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/slack/events") { Content = new StringContent(Paths.ReadFixture("slack_event_message_im.json")) };
        Assert.Equal(HttpStatusCode.Unauthorized, (await _app.Http().SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task DirectMessage_IsAnsweredInTheDmWithTheSameGrammar()
    {
        Assert.Equal(HttpStatusCode.OK, (await SendEventAsync(Paths.ReadFixture("slack_event_message_im.json"))).StatusCode);
        // The call is recorded before the fake answers it, so read the request rather than the fake's mailbox.
        var reply = (await _app.Slack.WaitForAsync("chat.postMessage")).Json!;
        var opened = Assert.Single(_app.Slack.CallsTo("conversations.open"));
        Assert.Equal(Teacher, opened.Json!["users"]!.GetValue<string>());
        var text = reply["text"]!.GetValue<string>();
        // The fixture says "test": not a verb, so help comes back, written without the slash.
        Assert.Contains("I don't know \"test\"", text, StringComparison.Ordinal);
        Assert.Contains("`join", text, StringComparison.Ordinal);
        Assert.DoesNotContain("/peer join", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RetriedEvent_IsHandledOnce()
    {
        var body = Paths.ReadFixture("slack_event_message_im.json");
        await SendEventAsync(body);
        await _app.Slack.WaitForAsync("chat.postMessage");
        var retry = await SendEventAsync(body, retryNum: 1);
        var secondRetry = await SendEventAsync(body, retryNum: 2);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(HttpStatusCode.OK, secondRetry.StatusCode);
        await QuietAsync();
        Assert.Single(_app.Slack.CallsTo("chat.postMessage"));
        Assert.Equal(1L, await _app.ScalarAsync<long>("select count(*) from slack_events where event_id = 'Ev044C51K43V'"));
    }

    [Theory]
    [InlineData("bot_id", "B0001")]
    [InlineData("subtype", "message_changed")]
    [InlineData("user", "U0442US8QGH")] // PeerBot's own user id, from authorizations
    public async Task BotOwnAndEditedMessages_AreIgnored(string field, string value)
    {
        var payload = JsonNode.Parse(Paths.ReadFixture("slack_event_message_im.json"))!;
        payload["event_id"] = "Ev-ignored-" + field;
        payload["event"]![field] = value;
        Assert.Equal(HttpStatusCode.OK, (await SendEventAsync(payload.ToJsonString())).StatusCode);
        await QuietAsync();
        Assert.Equal(1L, await _app.ScalarAsync<long>("select count(*) from slack_events where event_id = $1", "Ev-ignored-" + field));
        Assert.Empty(_app.Slack.CallsTo("chat.postMessage"));
    }

    [Fact]
    public async Task AppHome_ForNewcomer_WelcomesOnceAndOffersJoin_WithoutMessaging()
    {
        await SendEventAsync(Paths.ReadFixture("slack_event_app_home_opened.json"));
        var first = await _app.Slack.WaitForAsync("views.publish");
        Assert.Equal(Teacher, first.Json!["user_id"]!.GetValue<string>());
        Assert.Equal("home", first.Json!["view"]!["type"]!.GetValue<string>());
        Assert.Contains("Welcome to PeerBot", first.Body, StringComparison.Ordinal);
        Assert.Contains("\"action_id\":\"profile.edit\"", first.Body, StringComparison.Ordinal);

        await SendEventAsync(WithEventId(Paths.ReadFixture("slack_event_app_home_opened.json"), "Ev-second-open"));
        var second = await _app.Slack.WaitForAsync("views.publish", 2);
        Assert.DoesNotContain("Welcome to PeerBot", second.Body, StringComparison.Ordinal);
        Assert.Contains("Join PeerBot", second.Body, StringComparison.Ordinal);
        Assert.Empty(_app.Slack.CallsTo("chat.postMessage"));
    }

    [Fact]
    public async Task AppHome_ForMember_ShowsTheirProfileAndActions()
    {
        var join = await _app.SendCommandAsync("join role:mentee subjects:math grades:6-8 years:2 tz:America/Chicago", userId: Teacher, teamId: "T043DB835ML");
        Assert.Equal(HttpStatusCode.OK, join.StatusCode);
        await SendEventAsync(Paths.ReadFixture("slack_event_app_home_opened.json"));
        var publish = await _app.Slack.WaitForAsync("views.publish");
        Assert.Contains("math", publish.Body, StringComparison.Ordinal);
        Assert.Contains("Edit profile", publish.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Welcome to PeerBot", publish.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AppHome_MessagesTabOpened_SendsNothing()
    {
        var payload = JsonNode.Parse(Paths.ReadFixture("slack_event_app_home_opened.json"))!;
        payload["event"]!["tab"] = "messages";
        await SendEventAsync(payload.ToJsonString());
        await QuietAsync();
        Assert.DoesNotContain(_app.Slack.Calls, c => c.Method is "views.publish" or "chat.postMessage");
    }

    private static string WithEventId(string json, string eventId)
    {
        var node = JsonNode.Parse(json)!;
        node["event_id"] = eventId;
        return node.ToJsonString();
    }

    private async Task<HttpResponseMessage> SendEventAsync(string json, int? retryNum = null)
    {
        using var request = SlackSigner.Signed("/slack/events", json);
        request.Content!.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (retryNum is { } n)
        {
            request.Headers.Add("X-Slack-Retry-Num", n.ToString(System.Globalization.CultureInfo.InvariantCulture));
            request.Headers.Add("X-Slack-Retry-Reason", "http_timeout");
        }

        return await _app.Http().SendAsync(request);
    }

    /// <summary>Waits until every accepted event has been handled in the background.</summary>
    private async Task QuietAsync()
    {
        var intake = _app.Services.GetRequiredService<SlackEventIntake>();
        for (var i = 0; i < 250 && intake.InFlight > 0; i++)
        {
            await Task.Delay(20);
        }

        Assert.Equal(0, intake.InFlight);
    }
}
