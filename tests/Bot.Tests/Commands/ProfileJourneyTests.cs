using System.Net;
using System.Text.Json.Nodes;
using PeerBot.Bot.Tests.Infrastructure;

namespace PeerBot.Bot.Tests.Commands;

/// <summary>A teacher joins (by modal and inline), looks at the profile, pauses, resumes and leaves — through Slack's real endpoints.</summary>
public sealed class ProfileJourneyTests : IAsyncLifetime
{
    private PeerBotApp _app = null!;

    public async Task InitializeAsync() => _app = await PeerBotApp.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task JoinWithoutFields_OpensTheProfileModal()
    {
        var response = await _app.SendCommandAsync("join", userId: "U201");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var call = await _app.Slack.WaitForAsync("views.open");
        Assert.Equal("Bearer xoxb-test-token", call.Authorization);
        Assert.Equal("13345224609.738474920.8088930838d88f008e0", call.Json!["trigger_id"]!.GetValue<string>());
        var view = call.Json!["view"]!;
        Assert.Equal("profile", view["callback_id"]!.GetValue<string>());
        var blockIds = view["blocks"]!.AsArray().Select(b => b!["block_id"]?.GetValue<string>()).ToArray();
        Assert.Contains("role", blockIds);
        Assert.Contains("subjects", blockIds);
        Assert.Contains("focus", blockIds);
    }

    [Fact]
    public async Task ModalSubmission_SavesTheProfile_WithTheSlackTimeZone_AndConfirms()
    {
        _app.Slack.TimeZones["U202"] = "America/Denver";
        var response = await _app.SendInteractionAsync(ProfileSubmission("U202", role: "mentor", years: "12", capacity: "2"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
        var confirmation = await _app.Slack.WaitForAsync("response_url");
        Assert.Contains("Welcome to PeerBot", confirmation.Json!["text"]!.GetValue<string>(), StringComparison.Ordinal);

        Assert.Equal("mentor", await _app.ScalarAsync<string>("select role from members where external_user_id = 'U202'"));
        Assert.Equal(2, await _app.ScalarAsync<int>("select capacity from members where external_user_id = 'U202'"));
        Assert.Equal("America/Denver", await _app.ScalarAsync<string>("select time_zone from members where external_user_id = 'U202'"));
        Assert.Equal(new[] { "math", "science" }, await _app.ScalarAsync<string[]>("select subjects from members where external_user_id = 'U202'"));
        Assert.Equal(new[] { "tue 15:30-16:30" }, await _app.ScalarAsync<string[]>("select availability from members where external_user_id = 'U202'"));
    }

    [Fact]
    public async Task ModalSubmission_WithBadYears_NamesTheFieldInTheModal_AndSavesNothing()
    {
        var response = await _app.SendInteractionAsync(ProfileSubmission("U203", years: "lots"));

        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("errors", body["response_action"]!.GetValue<string>());
        Assert.Contains("whole number", body["errors"]!["years"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(0L, await _app.ScalarAsync<long>("select count(*) from members where external_user_id = 'U203'"));
    }

    [Fact]
    public async Task InlineJoin_SavesAtOnce()
    {
        var reply = await Reply("join role:mentee subjects:math,science grades:6-8 years:2 school:\"Lincoln MS\" focus:ell tz:America/Chicago avail:\"tue 15:30-16:30,thu 07:00-07:45\"", "U204");

        Assert.Contains("Welcome to PeerBot", reply, StringComparison.Ordinal);
        Assert.Equal("Lincoln MS", await _app.ScalarAsync<string>("select school from members where external_user_id = 'U204'"));
        Assert.Equal(new[] { "tue 15:30-16:30", "thu 07:00-07:45" }, await _app.ScalarAsync<string[]>("select availability from members where external_user_id = 'U204'"));
        Assert.Empty(_app.Slack.CallsTo("users.info"));
    }

    [Fact]
    public async Task InlineJoin_WithoutTimeZone_TakesItFromSlack()
    {
        _app.Slack.TimeZones["U205"] = "Europe/Berlin";
        await Reply("join role:peer subjects:art", "U205");

        Assert.Equal("Europe/Berlin", await _app.ScalarAsync<string>("select time_zone from members where external_user_id = 'U205'"));
        Assert.Equal("U205", (await _app.Slack.WaitForAsync("users.info")).Form["user"]);
    }

    [Fact]
    public async Task InlineJoin_WithMistakes_NamesEachFieldAndShowsTheRightForm_AndSavesNothing()
    {
        var reply = await Reply("join role:wizard years:many grades:seventh", "U206");

        Assert.Contains("*role*", reply, StringComparison.Ordinal);
        Assert.Contains("mentee, mentor, both, peer", reply, StringComparison.Ordinal);
        Assert.Contains("*years*", reply, StringComparison.Ordinal);
        Assert.Contains("*grades*", reply, StringComparison.Ordinal);
        Assert.Contains("/peer join role:mentee", reply, StringComparison.Ordinal);
        Assert.Equal(0L, await _app.ScalarAsync<long>("select count(*) from members where external_user_id = 'U206'"));
    }

    [Fact]
    public async Task Profile_BeforeJoining_SaysHowToJoin() =>
        Assert.Contains("/peer join", await Reply("profile", "U207"), StringComparison.Ordinal);

    [Fact]
    public async Task Profile_ShowsWhatWasSaved()
    {
        await Reply("join role:both subjects:history grades:9-12 years:8 capacity:3 cohort:district-b", "U208");
        var response = await _app.SendCommandAsync("profile", userId: "U208");
        var blocks = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["blocks"]!.ToJsonString();

        Assert.Contains("history", blocks, StringComparison.Ordinal);
        Assert.Contains("mentors up to 3", blocks, StringComparison.Ordinal);
        Assert.Contains("district-b", blocks, StringComparison.Ordinal);
        Assert.Contains("profile.edit", blocks, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PauseThenResume_StopsAndRestartsTheMember()
    {
        await Reply("join role:peer subjects:music", "U209");

        var paused = await Reply("pause 3", "U209");
        Assert.Contains("Paused for 3 weeks", paused, StringComparison.Ordinal);
        var until = await _app.ScalarAsync<DateTime>("select paused_until from members where external_user_id = 'U209'");
        Assert.InRange(until, DateTime.UtcNow.AddDays(20.9), DateTime.UtcNow.AddDays(21.1));
        Assert.Contains("Paused until", await Reply("profile", "U209"), StringComparison.Ordinal);

        Assert.Contains("Welcome back", await Reply("resume", "U209"), StringComparison.Ordinal);
        Assert.Null(await _app.ScalarAsync<object>("select paused_until from members where external_user_id = 'U209'"));
    }

    [Theory]
    [InlineData("pause forever")]
    [InlineData("pause 0")]
    [InlineData("pause 99")]
    public async Task Pause_WithABadNumber_SaysHowToWriteIt(string text)
    {
        await Reply("join role:peer subjects:music", "U210");
        var reply = await Reply(text, "U210");
        Assert.Contains("/peer pause 3", reply, StringComparison.Ordinal);
        Assert.Null(await _app.ScalarAsync<object>("select paused_until from members where external_user_id = 'U210'"));
    }

    [Fact]
    public async Task Leave_ErasesTheMembersPersonalData()
    {
        await Reply("join role:mentee subjects:math school:\"Lincoln MS\"", "U211");
        Assert.Equal(1L, await _app.ScalarAsync<long>("select count(*) from members where external_user_id = 'U211'"));

        var reply = await Reply("leave", "U211");

        Assert.Contains("erased your profile", reply, StringComparison.Ordinal);
        Assert.Equal(0L, await _app.ScalarAsync<long>("select count(*) from members where external_user_id = 'U211'"));
        Assert.Equal(0L, await _app.ScalarAsync<long>("select count(*) from members where school = 'Lincoln MS' and external_user_id = 'U211'"));
        Assert.Contains("haven't joined", await Reply("profile", "U211"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Leave_WhenNotAMember_SaysThereIsNothingToErase() =>
        Assert.Contains("nothing of yours to erase", await Reply("leave", "U212"), StringComparison.Ordinal);

    [Fact]
    public async Task EditProfileButton_OpensTheModalWithTheSavedValues()
    {
        await Reply("join role:mentor subjects:chemistry years:15 capacity:2", "U213");
        var click = JsonNode.Parse(Paths.ReadFixture("slack_block_actions.json"))!;
        click["team"]!["id"] = "T100";
        click["user"]!["id"] = "U213";
        click["actions"]![0]!["action_id"] = "profile.edit";
        click["response_url"] = _app.Slack.ResponseUrl().ToString();

        var response = await _app.SendInteractionAsync(click.ToJsonString());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var view = (await _app.Slack.WaitForAsync("views.open")).Json!["view"]!.ToJsonString();
        Assert.Contains("chemistry", view, StringComparison.Ordinal);
        Assert.Contains("\"initial_option\":{\"text\":{\"type\":\"plain_text\",\"text\":\"To mentor someone\"", view, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SlacksExamplePayloads_ForFormsAndButtonsWeDoNotKnow_AreAcknowledgedAndChangeNothing()
    {
        Assert.Equal(HttpStatusCode.OK, (await _app.SendInteractionAsync(Paths.ReadFixture("slack_view_submission.json"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _app.SendInteractionAsync(Paths.ReadFixture("slack_block_actions.json"))).StatusCode);
        Assert.Equal(0L, await _app.ScalarAsync<long>("select count(*) from members"));
    }

    [Fact]
    public async Task MalformedInteractionPayload_Is400()
    {
        using var request = SlackSigner.Signed("/slack/interactivity", "payload=%7Bnot-json");
        Assert.Equal(HttpStatusCode.BadRequest, (await _app.Http().SendAsync(request)).StatusCode);
    }

    private async Task<string> Reply(string text, string userId)
    {
        var response = await _app.SendCommandAsync(text, userId: userId);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["text"]!.GetValue<string>();
    }

    /// <summary>Slack's own view_submission example, carrying our profile modal's blocks and values.</summary>
    private string ProfileSubmission(string userId, string role = "mentee", string years = "2", string? capacity = null)
    {
        var payload = JsonNode.Parse(Paths.ReadFixture("slack_view_submission.json"))!;
        payload["team"]!["id"] = "T100";
        payload["user"]!["id"] = userId;
        var view = payload["view"]!;
        view["callback_id"] = "profile";
        view["private_metadata"] = new JsonObject { ["state"] = "", ["responseUrl"] = _app.Slack.ResponseUrl().ToString(), ["prefix"] = "/peer " }.ToJsonString();
        var values = new JsonObject
        {
            ["role"] = new JsonObject { ["value"] = new JsonObject { ["type"] = "static_select", ["selected_option"] = new JsonObject { ["value"] = role } } },
            ["subjects"] = Text("Math, Science"),
            ["grades"] = new JsonObject { ["value"] = new JsonObject { ["type"] = "multi_static_select", ["selected_options"] = new JsonArray(new JsonObject { ["value"] = "6-8" }) } },
            ["years"] = Text(years),
            ["school"] = Text("Lincoln MS"),
            ["availability"] = Text("tue 15:30-16:30"),
            ["timezone"] = new JsonObject { ["value"] = new JsonObject { ["type"] = "plain_text_input", ["value"] = null } },
        };
        if (capacity is not null)
        {
            values["capacity"] = new JsonObject { ["value"] = new JsonObject { ["type"] = "static_select", ["selected_option"] = new JsonObject { ["value"] = capacity } } };
        }

        view["state"] = new JsonObject { ["values"] = values };
        return payload.ToJsonString();

        static JsonObject Text(string v) => new() { ["value"] = new JsonObject { ["type"] = "plain_text_input", ["value"] = v } };
    }
}
