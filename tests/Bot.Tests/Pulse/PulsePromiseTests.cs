using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PeerBot.Bot.Tests.Infrastructure;
using PeerBot.Scheduler.Pulse;

namespace PeerBot.Bot.Tests.Pulse;

/// <summary>Every sentence about thresholds, comment minimums and rhythm reads the live settings.</summary>
public sealed class PulsePromiseTests : IAsyncLifetime
{
    // Wednesday 4 March 2026, 22:00 UTC.
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 4, 22, 0, 0, TimeSpan.Zero));
    private PeerBotApp _app = null!;

    public async Task InitializeAsync() => _app = await PeerBotApp.StartAsync(
        new()
        {
            ["PeerBot:Admins"] = "UADMIN", ["PeerBot:Outbox:WorkspaceMessagesPerSecond"] = "0",
            ["PeerBot:Pulse:SuppressionThreshold"] = "3", ["PeerBot:Pulse:CommentMinimum"] = "4",
        },
        services => services.AddSingleton<TimeProvider>(_clock));

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private DateTimeOffset Now => _clock.GetUtcNow();

    [Fact]
    public async Task PromisesToTeachersAndNotesToCoaches_QuoteTheConfiguredThreshold_CommentMinimum_AndRhythm()
    {
        await _app.SayTextAsync("join role:peer subjects:math grades:6-8 cohort:x", "UANA", Now);
        await _app.SayTextAsync("admin coach add <@UCOACH|cora>", "UADMIN", Now);
        Assert.Contains("every Thursday at 15:00", await _app.SayTextAsync("admin pulse schedule every thursday 15:00", "UADMIN", Now), StringComparison.Ordinal);
        Assert.Contains("next one arrives in your DMs (every Thursday at 15:00)", await _app.SayTextAsync("pulse", "UANA", Now), StringComparison.Ordinal);

        await _app.SayTextAsync("admin pulse now", "UADMIN", Now);
        var invitation = (await _app.InvitationAsync("UANA")).BlocksJson!;
        Assert.Contains("groups of at least 3 people", invitation, StringComparison.Ordinal);
        Assert.Contains("only when 4 or more people answered", invitation, StringComparison.Ordinal);
        Assert.DoesNotContain("at least 5", invitation, StringComparison.Ordinal);
        Assert.DoesNotContain("10 or more", invitation, StringComparison.Ordinal);

        var blocks = invitation;
        foreach (var v in new[] { 3, 3, 3 })
        {
            blocks = (await _app.PressAsync("UANA", PulseMessages.AnswerAction, PulseHarness.Buttons(blocks, PulseMessages.AnswerAction)[v - 1], Now))!["blocks"]!.ToJsonString();
        }

        Assert.Null(await _app.PressAsync("UANA", PulseMessages.CommentAction, PulseHarness.Buttons(blocks, PulseMessages.CommentAction)[0], Now));
        Assert.Contains("only if 4 or more people answered", (await _app.Slack.WaitForAsync("views.open")).Body, StringComparison.Ordinal);
        var thanks = (await _app.PressAsync("UANA", PulseMessages.SendAction, PulseHarness.Buttons(blocks, PulseMessages.SendAction)[0], Now))!["text"]!.GetValue<string>();
        Assert.Contains("groups of at least 3 people", thanks, StringComparison.Ordinal);
        Assert.Contains("next one comes next week", await _app.SayTextAsync("pulse", "UANA", Now), StringComparison.Ordinal);

        var report = (await _app.SayAsync("report", "UCOACH", Now)).ToJsonString();
        Assert.Contains("fewer than 3 people are hidden", report, StringComparison.Ordinal);
        Assert.Contains("comments show when 4 or more people answered", report, StringComparison.Ordinal);
    }
}
