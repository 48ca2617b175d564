using System.Net;
using System.Text.Json.Nodes;
using PeerBot.Bot.Tests.Infrastructure;

namespace PeerBot.Bot.Tests.Commands;

/// <summary>Grab-and-go: <c>/peer find</c> ranks peers with why, and "say hi" opens a chat between the two.</summary>
public sealed class FindTests : IAsyncLifetime
{
    private PeerBotApp _app = null!;

    public async Task InitializeAsync()
    {
        _app = await PeerBotApp.StartAsync();
        await Join("U301", "Ana", "join role:mentee subjects:math grades:6-8 focus:classroom-management tz:America/Chicago");
        await Join("U302", "Ben", "join role:mentor subjects:math grades:6-8 years:9 focus:classroom-management tz:America/Chicago");
        await Join("U303", "Cleo", "join role:peer subjects:art grades:k-2 tz:America/Chicago");
        await Join("U304", "Dev", "join role:peer subjects:math grades:9-12 tz:America/Chicago");
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Find_RanksPeersForTheTopic_WithWhy_AndASayHiButtonEach()
    {
        var reply = await Reply("find 7th grade math", "U301");
        var text = reply["text"]!.GetValue<string>();

        Assert.Contains("Ben", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Cleo", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Ana —", text, StringComparison.Ordinal);
        Assert.True(text.IndexOf("Ben", StringComparison.Ordinal) < text.IndexOf("Dev", StringComparison.Ordinal) || !text.Contains("Dev", StringComparison.Ordinal),
            "the 6-8 math teacher ranks above the 9-12 one for 7th grade math");
        Assert.Contains("Teaches 6th–8th-grade math", text, StringComparison.Ordinal);
        Assert.Contains("\"action_id\":\"find.sayhi\",\"value\":\"U302\"", reply["blocks"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Find_WithoutATopic_SaysHowToAsk() =>
        Assert.Contains("/peer find 7th grade math", (await Reply("find", "U301"))["text"]!.GetValue<string>(), StringComparison.Ordinal);

    [Fact]
    public async Task Find_BeforeJoining_SaysHowToJoin() =>
        Assert.Contains("/peer join", (await Reply("find math", "U399"))["text"]!.GetValue<string>(), StringComparison.Ordinal);

    [Fact]
    public async Task SayHi_OpensOneChatBetweenTheTwo_EvenWhenClickedTwice()
    {
        var first = await Click("U301", "U302");
        var second = await Click("U301", "U302");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);

        var post = await _app.Slack.WaitForAsync("chat.postMessage");
        Assert.Contains("Ana found Ben", post.Json!["text"]!.GetValue<string>(), StringComparison.Ordinal);
        var open = _app.Slack.CallsTo("conversations.open").First();
        Assert.Equal("U301,U302", open.Json!["users"]!.GetValue<string>());
        await Task.Delay(500);
        Assert.Single(_app.Slack.CallsTo("chat.postMessage"));
    }

    [Fact]
    public async Task SayHi_ToSomeoneWhoNeverJoined_SendsNothing()
    {
        var response = await Click("U301", "U999");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = await _app.Slack.WaitForAsync("response_url");
        Assert.Contains("isn't available", reply.Json!["text"]!.GetValue<string>(), StringComparison.Ordinal);
        await Task.Delay(300);
        Assert.Empty(_app.Slack.CallsTo("chat.postMessage"));
    }

    private Task<HttpResponseMessage> Click(string userId, string peerId)
    {
        var click = JsonNode.Parse(Paths.ReadFixture("slack_block_actions.json"))!;
        click["team"]!["id"] = "T100";
        click["user"]!["id"] = userId;
        click["actions"]![0]!["action_id"] = "find.sayhi";
        click["actions"]![0]!["value"] = peerId;
        click["response_url"] = _app.Slack.ResponseUrl().ToString();
        return _app.SendInteractionAsync(click.ToJsonString());
    }

    private async Task Join(string userId, string name, string text) =>
        Assert.Equal(HttpStatusCode.OK, (await _app.SendCommandAsync(text + $" name:{name}", userId: userId, userName: name.ToLowerInvariant())).StatusCode);

    private async Task<JsonNode> Reply(string text, string userId)
    {
        var response = await _app.SendCommandAsync(text, userId: userId);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }
}
