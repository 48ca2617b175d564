using System.Net.Http.Json;
using System.Text.Json.Nodes;
using PeerBot.Bot.Tests.Infrastructure;

namespace PeerBot.Bot.Tests.Simulator;

[Collection(SimulatorCollection.Name)]
public sealed class TimePanelTests : IAsyncLifetime
{
    private PeerBotApp _app = null!;

    public async Task InitializeAsync() => _app = await SimulatorHost.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task PairingRound_AfterSeeding_IntroducesPodsInGroupDms_WithTheirExplanation_ThroughTheOutbox()
    {
        await _app.PostJsonAsync("/simulator/seed", new { });

        var said = await Run("round");
        Assert.Contains("Round done", said, StringComparison.Ordinal);
        Assert.Contains("going out now", said, StringComparison.Ordinal);

        var intro = await _app.WaitForItemAsync(i => i.Kind == "message" && i.Channel.StartsWith('G'));
        Assert.Contains("Why you:", intro.Text, StringComparison.Ordinal);
        var group = _app.Workspace().Conversation(intro.Channel)!;
        Assert.InRange(group.Members.Count, 2, 4);
        Assert.Contains(_app.Workspace().CallsTo("conversations.open"), c => c.Ok && c.Summary.StartsWith("group DM of", StringComparison.Ordinal));
        await _app.WaitForItemAsync(i => i.Kind == "message" && i.Channel.StartsWith('D') && i.Text.Contains("Would you mentor", StringComparison.Ordinal));
        Assert.Equal(0L, await _app.ScalarAsync<long>("select count(*) from outbox where state = 'dead'"));
    }

    [Fact]
    public async Task Pulse_IsOpenedForEveryMember_AndItsReminderGoesOnlyToThoseWhoHaveNotAnswered()
    {
        await _app.PostJsonAsync("/simulator/act/command", new { user = "U0ANA", text = "join role:peer subjects:math grades:6-8 years:3" });
        await _app.PostJsonAsync("/simulator/act/command", new { user = "U0BEN", text = "join role:peer subjects:art grades:k-2 years:9" });

        Assert.Contains("2 members invited", await Run("pulse"), StringComparison.Ordinal);
        await _app.WaitForItemAsync(i => i.Kind == "message" && i.Channel == "DU0ANA");
        await _app.WaitForItemAsync(i => i.Kind == "message" && i.Channel == "DU0BEN");
        Assert.Contains("Reminder sent", await Run("pulse-reminder"), StringComparison.Ordinal);
        Assert.Equal(4L, await _app.ScalarAsync<long>("select count(*) from outbox where purpose like 'pulse%'"));
    }

    [Fact]
    public async Task HeadsUp_ReachesEachMemberTheNextRoundWouldPair_AndSkipThisOneTakesThemOut()
    {
        await _app.PostJsonAsync("/simulator/act/command", new { user = "U0ANA", text = "join role:peer subjects:math grades:6-8 years:3" });
        await _app.PostJsonAsync("/simulator/act/command", new { user = "U0BEN", text = "join role:peer subjects:math grades:6-8 years:9" });

        Assert.Contains("queued for 2 members", await Run("heads-up"), StringComparison.Ordinal);
        var headsUp = await _app.WaitForItemAsync(i => i.Kind == "message" && i.Channel == "DU0ANA" && i.Text.Contains("you're in", StringComparison.Ordinal));
        await _app.WaitForItemAsync(i => i.Kind == "message" && i.Channel == "DU0BEN" && i.Text.Contains("you're in", StringComparison.Ordinal));
        Assert.Contains("Pairing round", headsUp.Text, StringComparison.Ordinal);

        await _app.PostJsonAsync("/simulator/act/command", new { user = "U0ANA", text = "skip" });
        await _app.WaitForItemAsync(i => i.Kind == "ephemeral" && i.Text.Contains("sitting out the next pairing round", StringComparison.Ordinal));
        Assert.Contains("queued for 0 members", await Run("heads-up"), StringComparison.Ordinal);
    }

    private async Task<string> Run(string id)
    {
        var response = await _app.PostJsonAsync($"/simulator/time/{id}", new { });
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["message"]!.GetValue<string>();
    }
}
