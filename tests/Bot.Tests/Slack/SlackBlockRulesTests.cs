using System.Text.Json.Nodes;
using PeerBot.Bot.Tests.Infrastructure;
using PeerBot.Bot.Tests.Infrastructure.Driver;
using PeerBot.Scheduler.Rounds;

namespace PeerBot.Bot.Tests.Slack;

/// <summary>
/// Slack refuses a message whose button row holds one action_id twice (<c>invalid_blocks</c>), and the strict fake does
/// too. Rows of choices that share a handler (Pause 1/2/4 weeks, 1–5 scales) must still reach the person, and the
/// choice Slack sends back must be the one they clicked.
/// </summary>
public sealed class SlackBlockRulesTests : IAsyncLifetime
{
    private PeerBotApp _app = null!;

    public async Task InitializeAsync() => _app = await PeerBotApp.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task ChoicesThatShareAnAction_ReachTheTeacher_AndTheChoiceSlackSendsBackIsTheOneClicked()
    {
        var ana = _app.SlackTeacher("UBLK1");
        await ana.TypeAsync("join role:peer subjects:math grades:6-8 years:3");
        var profile = await ana.TypeAsync("profile");

        var choices = await ana.ClickAsync(profile, RoundHeadsUp.PauseAction);

        Assert.Equal(["1 week", "2 weeks", "4 weeks"], choices.Buttons.Select(b => b.Label));
        var row = (choices.Raw["blocks"] as JsonArray ?? []).Single(b => b?["type"]?.GetValue<string>() == "actions")!["elements"]!.AsArray();
        var sent = row.Select(e => e!["action_id"]!.GetValue<string>()).ToList();
        Assert.Equal(sent.Count, sent.Distinct(StringComparer.Ordinal).Count());

        // What Slack posts back for the third button is that element's own action_id.
        var fourWeeks = row.Single(e => e!["text"]!["text"]!.GetValue<string>() == "4 weeks")!;
        var paused = await ana.ClickAsync(fourWeeks["action_id"]!.GetValue<string>(), fourWeeks["value"]!.GetValue<string>());

        Assert.Contains("Paused for 4 weeks", paused.Text, StringComparison.Ordinal);
    }
}
