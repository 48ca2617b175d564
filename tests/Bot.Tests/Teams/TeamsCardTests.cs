using System.Net;
using System.Text.Json.Nodes;

namespace PeerBot.Bot.Tests.Teams;

public sealed class TeamsCardTests(TeamsApp teams) : IClassFixture<TeamsApp>
{
    private FakeBotFramework Bf => teams.BotFramework;

    [Fact]
    public async Task Join_RendersTheProfileFormAsAnAdaptiveCard15()
    {
        await TeamsActivities.SendAsync(teams.App, Bf, TeamsActivities.Personal(Bf, "join", "29:card-viewer"));

        var reply = Assert.Single(await Bf.WaitForActivitiesAsync(1, "a:personal-29:card-viewer"));
        var attachment = reply.Json!["attachments"]![0]!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment["contentType"]!.GetValue<string>());
        var card = attachment["content"]!;
        Assert.Equal("1.5", card["version"]!.GetValue<string>());
        var inputs = card["body"]!.AsArray().Where(e => e!["type"]!.GetValue<string>().StartsWith("Input.", StringComparison.Ordinal)).Select(e => e!["id"]!.GetValue<string>()).ToList();
        Assert.Contains("role", inputs);
        Assert.Contains("subjects", inputs);
        Assert.Contains("focus", inputs);
        var grades = card["body"]!.AsArray().Single(e => e!["id"]?.GetValue<string>() == "grades")!;
        Assert.Contains(grades["choices"]!.AsArray(), c => c!["title"]!.GetValue<string>() == "Pre-K" && c["value"]!.GetValue<string>() == "pk");
        var submit = Assert.Single(card["actions"]!.AsArray())!;
        Assert.Equal("Action.Execute", submit["type"]!.GetValue<string>());
        Assert.True(card["actions"]!.AsArray().Count <= 6);
    }

    [Fact]
    public async Task ExecuteInvoke_SavesTheProfile_AndReplacesTheCardWithTheConfirmation()
    {
        var data = new JsonObject { ["peerbotForm"] = "profile", ["peerbotState"] = "", ["role"] = "mentee", ["subjects"] = "math, science", ["years"] = "2", ["grades"] = "6-8,9-12" };

        var response = await TeamsActivities.SendAsync(teams.App, Bf, TeamsActivities.Invoke(Bf, "profile", data, "29:executor"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(200, body["statusCode"]!.GetValue<int>());
        Assert.Equal("application/vnd.microsoft.card.adaptive", body["type"]!.GetValue<string>());
        Assert.Contains("You're in", body["value"]!["body"]![0]!["text"]!.GetValue<string>());
        Assert.Equal("mentee", await teams.App.ScalarAsync<string>("select role from members where external_user_id = '29:executor'"));
        Assert.Equal(new[] { "6-8", "9-12" }, await teams.App.ScalarAsync<string[]>("select grades from members where external_user_id = '29:executor'"));
        // Joining links the person's chat to their membership, so leaving erases it too.
        Assert.Equal(1L, await teams.App.ScalarAsync<long>(
            "select count(*) from teams_conversations c join members m on m.id = c.member_id where m.external_user_id = '29:executor'"));
    }

    [Fact]
    public async Task ExecuteInvoke_WithAMistake_KeepsTheCardAndNamesTheField()
    {
        var data = new JsonObject { ["peerbotForm"] = "profile", ["role"] = "mentee", ["subjects"] = "math", ["years"] = "lots" };

        var response = await TeamsActivities.SendAsync(teams.App, Bf, TeamsActivities.Invoke(Bf, "profile", data, "29:typo"));

        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(200, body["statusCode"]!.GetValue<int>());
        Assert.Equal("application/vnd.microsoft.activity.message", body["type"]!.GetValue<string>());
        Assert.Contains("years", body["value"]!.GetValue<string>());
        Assert.Equal(0L, await teams.App.ScalarAsync<long>("select count(*) from members where external_user_id = '29:typo'"));
    }

    [Fact]
    public async Task SubmitAsMessage_SavesTheProfile_AndConfirmsInTheChat()
    {
        var activity = TeamsActivities.Personal(Bf, "", "29:submitter");
        activity.Remove("text");
        activity["value"] = new JsonObject { ["peerbotForm"] = "profile", ["role"] = "mentor", ["subjects"] = "history", ["years"] = "12", ["capacity"] = "2" };

        await TeamsActivities.SendAsync(teams.App, Bf, activity);

        var reply = Assert.Single(await Bf.WaitForActivitiesAsync(1, "a:personal-29:submitter"));
        Assert.Contains("You're in", reply.Json!["attachments"]![0]!["content"]!["body"]![0]!["text"]!.GetValue<string>());
        Assert.Equal(2, await teams.App.ScalarAsync<int>("select capacity from members where external_user_id = '29:submitter'"));
    }

    [Fact]
    public async Task ProfileCardButton_OpensTheFormInPlace()
    {
        await TeamsActivities.SendAsync(teams.App, Bf, TeamsActivities.Personal(Bf, "join role:peer subjects:art years:5", "29:editor"));
        var data = new JsonObject { ["peerbotAction"] = "profile.edit", ["peerbotValue"] = "" };

        var response = await TeamsActivities.SendAsync(teams.App, Bf, TeamsActivities.Invoke(Bf, "profile.edit", data, "29:editor"));

        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", body["type"]!.GetValue<string>());
        var subjects = body["value"]!["body"]!.AsArray().Single(e => e!["id"]?.GetValue<string>() == "subjects")!;
        Assert.Equal("art", subjects["value"]!.GetValue<string>());
    }
}
