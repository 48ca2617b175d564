using PeerBot.Bot.Tests.Infrastructure;
using PeerBot.Bot.Tests.Infrastructure.Driver;
using PeerBot.Bot.Tests.Scheduler;

namespace PeerBot.Bot.Tests.Commands;

/// <summary>Grab-and-go: <c>/peer find</c> ranks peers with why, and "say hi" opens a chat between the two.</summary>
public sealed class FindTests : IAsyncLifetime
{
    private PeerBotApp _app = null!;

    private SlackTeacher Ana => _app.SlackTeacher("U301", userName: "ana");

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
        var reply = await Ana.TypeAsync("find 7th grade math");
        var text = reply.Raw["text"]!.GetValue<string>();

        Assert.Contains("Ben", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Cleo", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Ana —", text, StringComparison.Ordinal);
        Assert.True(text.IndexOf("Ben", StringComparison.Ordinal) < text.IndexOf("Dev", StringComparison.Ordinal) || !text.Contains("Dev", StringComparison.Ordinal),
            "the 6-8 math teacher ranks above the 9-12 one for 7th grade math");
        Assert.Contains("Teaches 6th–8th-grade math", text, StringComparison.Ordinal);
        Assert.Contains("U302", reply.ButtonValues("find.sayhi"));
    }

    [Fact]
    public async Task Find_WithoutATopic_SaysHowToAsk() =>
        Assert.Contains("/peer find 7th grade math", (await Ana.TypeAsync("find")).Text, StringComparison.Ordinal);

    [Fact]
    public async Task Find_WithNoMatch_SuggestsBroaderTopicsPeopleHereChose_NeverTheSameQuery()
    {
        var text = (await Ana.TypeAsync("find chemistry")).Text;

        Assert.Contains("Nobody here matches \"chemistry\"", text, StringComparison.Ordinal);
        // Ben and Dev teach math: the subject most colleagues here chose comes first, with how many it finds.
        Assert.Contains("`/peer find math` (2 people)", text, StringComparison.Ordinal);
        Assert.DoesNotContain("`/peer find chemistry`", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Find_BeforeJoining_SaysHowToJoin() =>
        Assert.Contains("/peer join", (await _app.SlackTeacher("U399").TypeAsync("find math")).Text, StringComparison.Ordinal);

    [Fact]
    public async Task SayHi_OpensOneChatBetweenTheTwo_EvenWhenClickedTwice()
    {
        Assert.Contains("opened a chat", (await Ana.ClickAsync("find.sayhi", "U302")).Text, StringComparison.Ordinal);
        Assert.Contains("opened a chat", (await Ana.ClickAsync("find.sayhi", "U302")).Text, StringComparison.Ordinal);

        var post = await _app.Slack.WaitForAsync("chat.postMessage");
        Assert.Contains("Ana found Ben", post.Json!["text"]!.GetValue<string>(), StringComparison.Ordinal);
        var open = _app.Slack.CallsTo("conversations.open").First();
        Assert.Equal("U301,U302", open.Json!["users"]!.GetValue<string>());
        // Both clicks were answered and the outbox has nothing left to send: a second introduction would be posted by now.
        await _app.DrainedAsync();
        Assert.Single(_app.Slack.CallsTo("chat.postMessage"));
    }

    [Fact]
    public async Task SayHi_ToSomeoneWhoNeverJoined_SendsNothing()
    {
        var reply = await Ana.ClickAsync("find.sayhi", "U999");

        Assert.Contains("isn't available", reply.Text, StringComparison.Ordinal);
        // The answer comes after the handler decided; nothing was queued for the outbox either.
        Assert.Equal(0L, await _app.ScalarAsync<long>("select count(*) from outbox where delivery_key like 'sayhi:%'"));
        Assert.Empty(_app.Slack.CallsTo("chat.postMessage"));
    }

    private async Task Join(string userId, string name, string text) =>
        Assert.Contains("Welcome", (await _app.SlackTeacher(userId, userName: name.ToLowerInvariant()).TypeAsync(text + $" name:{name}")).Text, StringComparison.Ordinal);
}
