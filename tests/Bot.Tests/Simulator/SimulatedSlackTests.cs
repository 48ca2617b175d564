using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using PeerBot.Bot.Simulator;
using PeerBot.Bot.Tests.Infrastructure;

namespace PeerBot.Bot.Tests.Simulator;

[Collection(SimulatorCollection.Name)]
public sealed class SimulatedSlackTests : IAsyncLifetime
{
    private PeerBotApp _app = null!;

    public async Task InitializeAsync() => _app = await SimulatorHost.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task PeerHelp_TypedOnThePage_IsSignedToTheRealEndpoint_AndShownOnlyToTheTypist()
    {
        await _app.PostJsonAsync("/simulator/act/command", new { user = "U0ANA", text = "/peer help" });

        var reply = await _app.WaitForItemAsync(i => i.Kind == "ephemeral");
        Assert.Equal("U0ANA", reply.VisibleTo);
        Assert.Equal(SimulatedWorkspace.LoungeId, reply.Channel);
        foreach (var verb in new[] { "join", "profile", "pause", "leave" })
        {
            Assert.Contains($"`/peer {verb}", reply.Text, StringComparison.Ordinal);
        }

        // The bot's own endpoint still refuses anything not signed with its secret.
        using var unsigned = new HttpRequestMessage(HttpMethod.Post, "/slack/commands") { Content = new StringContent(SlackSigner.Command("help"), System.Text.Encoding.UTF8, "application/x-www-form-urlencoded") };
        Assert.Equal(HttpStatusCode.Unauthorized, (await _app.Http().SendAsync(unsigned)).StatusCode);
        using var forged = SlackSigner.Signed("/slack/commands", SlackSigner.Command("help"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await _app.Http().SendAsync(forged)).StatusCode);
    }

    [Fact]
    public async Task NeverAtSomeone_TypedOnThePage_ReachesTheBotAsAMention_AndStaysOnlyOnTheTypistsList()
    {
        foreach (var user in new[] { "U0ANA", "U0BEN" })
        {
            await _app.PostJsonAsync("/simulator/act/command", new { user, text = "join role:peer subjects:math grades:6-8 tz:America/Chicago" });
            await _app.WaitForItemAsync(i => i.Kind == "ephemeral" && i.VisibleTo == user && i.Text.Contains("Welcome", StringComparison.Ordinal));
        }

        await _app.PostJsonAsync("/simulator/act/command", new { user = "U0ANA", text = "/peer never @ben" });

        var done = await _app.WaitForItemAsync(i => i.Kind == "ephemeral" && i.VisibleTo == "U0ANA" && i.Text.Contains("never pair you with", StringComparison.Ordinal));
        Assert.Contains("ben", done.Text, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1L, await _app.ScalarAsync<long>("select count(*) from never_pairs where user_id = 'U0ANA' and other_user_id = 'U0BEN'"));
        Assert.DoesNotContain(_app.Workspace().Snapshot(0).Items, i => i.VisibleTo == "U0BEN" && i.Text.Contains("never", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Shortcuts_PickedOnThePage_OpenTheFindForm_AndTheCheckIn_InModals()
    {
        foreach (var user in new[] { "U0ANA", "U0BEN" })
        {
            await _app.PostJsonAsync("/simulator/act/command", new { user, text = "join role:peer subjects:math grades:6-8 tz:America/Chicago" });
            await _app.WaitForItemAsync(i => i.Kind == "ephemeral" && i.VisibleTo == user && i.Text.Contains("Welcome", StringComparison.Ordinal));
        }

        await _app.PostJsonAsync("/simulator/act/shortcut", new { user = "U0ANA", callbackId = "find_a_peer" });
        var find = await _app.WaitForModalAsync("U0ANA");
        Assert.Equal("find", find.View["callback_id"]!.GetValue<string>());
        var errors = await _app.PostJsonAsync("/simulator/act/submit", new { user = "U0ANA", values = new Dictionary<string, List<string>> { ["topic"] = ["math"] } });
        Assert.True(errors.IsSuccessStatusCode);
        var found = await _app.WaitForItemAsync(i => i.VisibleTo is null or "U0ANA" && i.Text.Contains("Peers for \"math\"", StringComparison.Ordinal));
        Assert.Contains("Ben Okafor", found.Text, StringComparison.Ordinal);
        Assert.Contains("accessibility_label", found.Blocks!.ToJsonString(), StringComparison.Ordinal);

        await _app.PostJsonAsync("/simulator/act/close", new { user = "U0ANA" });
        await _app.PostJsonAsync("/simulator/act/shortcut", new { user = "U0ANA", callbackId = "check_in" });
        var checkIn = await _app.WaitForModalAsync("U0ANA");
        Assert.Contains("not in an active pairing yet", checkIn.View["blocks"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Null(checkIn.View["submit"]);
    }

    [Fact]
    public async Task JoinByModal_ShowsTheMistakeNextToItsField_ThenSavesWithOptionalFieldsLeftEmpty()
    {
        await _app.PostJsonAsync("/simulator/act/command", new { user = "U0CHLOE", text = "join" });
        var modal = _app.Workspace().Modal("U0CHLOE");
        Assert.NotNull(modal);
        Assert.Equal("profile", modal.View["callback_id"]!.GetValue<string>());
        Assert.Single(_app.Workspace().CallsTo("views.open"), c => c.Ok);

        var wrong = await Submit(new() { ["role"] = ["mentee"], ["subjects"] = ["math"], ["years"] = ["lots"] });
        Assert.Contains("not a number of years", wrong["years"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Single(wrong.AsObject());
        Assert.NotNull(_app.Workspace().Modal("U0CHLOE"));

        // Capacity, school, time zone … untouched: Slack sends them as null, which means "not given".
        var right = await Submit(new() { ["role"] = ["mentee"], ["subjects"] = ["math, science"], ["years"] = ["2"], ["grades"] = ["6-8"], ["focus"] = ["ell"] });
        Assert.Empty(right.AsObject());
        Assert.Null(_app.Workspace().Modal("U0CHLOE"));
        var confirmation = await _app.WaitForItemAsync(i => i.Kind == "ephemeral" && i.VisibleTo == "U0CHLOE");
        Assert.Contains("Welcome to PeerBot", confirmation.Text, StringComparison.Ordinal);
        Assert.Equal(1L, await _app.ScalarAsync<long>("select count(*) from members where external_user_id = 'U0CHLOE'"));
    }

    [Fact]
    public async Task WebApi_AnswersLikeSlack_ForTheBotToken_AndRefusesAnyOther()
    {
        var refused = await _app.WebApiAsync("chat.postMessage", new { channel = "DU0ANA", text = "hi" }, token: "xoxb-someone-else");
        Assert.False(refused["ok"]!.GetValue<bool>());
        Assert.Equal("invalid_auth", refused["error"]!.GetValue<string>());

        var user = await _app.WebApiAsync("users.info", new { user = "U0BEN" });
        Assert.Equal("America/New_York", user["user"]!["tz"]!.GetValue<string>());
        Assert.Equal("user_not_found", (await _app.WebApiAsync("users.info", new { user = "U404" }))["error"]!.GetValue<string>());

        var dm = await _app.WebApiAsync("conversations.open", new { users = "U0ANA" });
        Assert.Equal("DU0ANA", dm["channel"]!["id"]!.GetValue<string>());
        var group = (await _app.WebApiAsync("conversations.open", new { users = "U0BEN,U0ANA" }))["channel"]!["id"]!.GetValue<string>();
        Assert.StartsWith("G", group, StringComparison.Ordinal);
        Assert.Equal(group, (await _app.WebApiAsync("conversations.open", new { users = "U0ANA,U0BEN" }))["channel"]!["id"]!.GetValue<string>());

        var posted = await _app.WebApiAsync("chat.postMessage", new { channel = group, text = "Meet each other!", metadata = new { event_type = "peerbot_delivery", event_payload = new { delivery_key = "k1" } } });
        Assert.True(posted["ok"]!.GetValue<bool>());
        var history = await _app.WebApiAsync("conversations.history", new { channel = group });
        Assert.Equal("k1", history["messages"]![0]!["metadata"]!["event_payload"]!["delivery_key"]!.GetValue<string>());
        Assert.Equal("unknown_method", (await _app.WebApiAsync("chat.scheduleMessage", new { channel = group }))["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task AppHome_IsPublishedThroughViewsPublish_WhenTheTabOpens()
    {
        await _app.PostJsonAsync("/simulator/act/home", new { user = "U0DEV" });
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!_app.Workspace().Snapshot(0).Homes.ContainsKey("U0DEV") && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        var home = _app.Workspace().Snapshot(0).Homes["U0DEV"];
        Assert.Contains("Join PeerBot", home.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SeedASchool_JoinsThirtyTeachersThroughTheInlineJoin()
    {
        var seeded = await (await _app.PostJsonAsync("/simulator/seed", new { })).Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(30, seeded!["joined"]!.GetValue<int>());
        Assert.Equal(30L, await _app.ScalarAsync<long>("select count(*) from members"));
        Assert.Equal(4L, await _app.ScalarAsync<long>("select count(distinct role) from members"));
        Assert.Equal(30, _app.Workspace().Snapshot(0).Items.Count(i => i.Kind == "ephemeral" && i.Text.Contains("Welcome to PeerBot", StringComparison.Ordinal)));
    }

    private async Task<JsonNode> Submit(Dictionary<string, string[]> values)
    {
        var response = await _app.PostJsonAsync("/simulator/act/submit", new { user = "U0CHLOE", values });
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!;
    }
}
