using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PeerBot.Bot.Tests.Infrastructure;
using PeerBot.Bot.Tests.Infrastructure.Driver;
using PeerBot.Bot.Tests.Teams;
using PeerBot.Scheduler.Rounds;
using PeerBot.Scheduler.Schedules;

namespace PeerBot.Bot.Tests.Scheduler;

/// <summary>
/// The heads-up after class on the school day before a round, to each member the round would pair, and <c>skip</c>
/// (or its button): out of that round only, back automatically after it, undone by <c>skip</c> again.
/// </summary>
public sealed class HeadsUpAndSkipTests(TeamsApp bot) : IClassFixture<TeamsApp>
{
    // Friday 4 December 2026, 15:30 in Chicago: after class on the school day before Monday's round.
    private static readonly DateTimeOffset FridayAfterClass = new(2026, 12, 4, 21, 30, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset MondayAfterClass = new(2026, 12, 7, 21, 30, 0, TimeSpan.Zero);
    private const string Fields = "role:peer subjects:math grades:6-8 years:3 focus:assessment school:\"Lincoln MS\" tz:America/Chicago";
    private const string HeadsUp = "Pairing round Monday — you're in";

    [Theory]
    [InlineData("slack")]
    [InlineData("teams")]
    public async Task TheDayBeforeARound_EachMemberItWouldPairHearsOnce_AndSkipTakesThemOutOfThatRoundOnly(string platform)
    {
        var clock = new FakeTimeProvider(FridayAfterClass);
        var (bf, app) = await TeamsApp.StartAsync(new() { ["PeerBot:Outbox:PollInterval"] = "00:00:00.100" }, s => s.AddSingleton<TimeProvider>(clock));
        await using var _ = app;
        await using var __ = bf;
        Teacher Person(string id)
        {
            Teacher t = platform == "slack" ? app.SlackTeacher(id) : app.TeamsTeacher(bf, "29:" + id, $"Teacher {id}");
            t.Clock = clock.GetUtcNow;
            return t;
        }

        var (ana, ben, cleo, dev, eve, finn) = (Person("UHU1"), Person("UHU2"), Person("UHU3"), Person("UHU4"), Person("UHU5"), Person("UHU6"));
        foreach (var t in new[] { ana, ben, cleo, dev, eve, finn })
        {
            Assert.Contains("Welcome to PeerBot", (await t.TypeAsync($"join {Fields}")).Text, StringComparison.Ordinal);
        }

        var workspace = await app.ScalarAsync<Guid>("select id from workspaces where platform = $1", platform);
        var settings = app.Services.GetRequiredService<WorkspaceSettingsStore>();
        await settings.SetTimeZoneAsync(workspace, "America/Chicago", CancellationToken.None);
        await settings.SetPairingScheduleAsync(workspace, "0 8 * * 1", 1, new DateOnly(2026, 11, 30), CancellationToken.None);
        await settings.SetPodSizeAsync(workspace, 2, CancellationToken.None);
        // Eve is on a break: the round would not pair her, so she hears nothing.
        Assert.Contains("Paused", (await eve.TypeAsync("pause 3")).Text, StringComparison.Ordinal);

        var job = ActivatorUtilities.CreateInstance<RoundHeadsUpJob>(app.Services);
        await job.RunScheduledAsync(workspace, CancellationToken.None);
        await job.RunScheduledAsync(workspace, CancellationToken.None);
        var anasHeadsUp = await ana.MessageAsync(HeadsUp);
        Assert.Equal(["Skip this one", "Pause…"], anasHeadsUp.Buttons.Select(b => b.Label));
        var finnsHeadsUp = await finn.MessageAsync(HeadsUp);
        foreach (var t in new[] { ben, cleo, dev })
        {
            await t.MessageAsync(HeadsUp);
        }

        await app.DrainedAsync();
        foreach (var t in new[] { ana, ben, cleo, dev, finn })
        {
            Assert.Single(t.Messages, m => m.Text.Contains("Pairing round", StringComparison.Ordinal));
        }

        Assert.DoesNotContain(eve.Messages, m => m.Text.Contains("Pairing round", StringComparison.Ordinal));

        // Ana taps Skip this one (twice: still out); Ben skips by typing and changes his mind; Cleo skips by typing;
        // Finn takes a week's break from the heads-up.
        var skipped = await ana.ClickAsync(anasHeadsUp, RoundHeadsUp.SkipAction);
        Assert.Contains("sitting out the next pairing round (Monday 7 December)", skipped.Text, StringComparison.Ordinal);
        Assert.Contains("back in automatically", (await ana.ClickAsync(anasHeadsUp, RoundHeadsUp.SkipAction)).Text, StringComparison.Ordinal);
        Assert.Contains("sitting out", (await ben.TypeAsync("skip")).Text, StringComparison.Ordinal);
        Assert.Contains("You're back in the next pairing round (Monday 7 December)", (await ben.TypeAsync("skip")).Text, StringComparison.Ordinal);
        Assert.Contains("sitting out", (await cleo.TypeAsync("skip")).Text, StringComparison.Ordinal);
        Assert.Contains("Sitting out the next pairing round only", (await ana.TypeAsync("profile")).Text, StringComparison.Ordinal);
        var choices = await finn.ClickAsync(finnsHeadsUp, RoundHeadsUp.PauseAction);
        Assert.Equal(["1 week", "2 weeks", "4 weeks"], choices.Buttons.Select(b => b.Label));
        Assert.Contains("Paused for 1 week", (await finn.ClickAsync(choices, RoundHeadsUp.PauseForAction)).Text, StringComparison.Ordinal);

        // Monday: the round pairs Ben and Dev only (the clock moves once nothing is in flight: HTTP timeouts run on it too).
        await app.DrainedAsync();
        clock.SetUtcNow(MondayAfterClass);
        await ActivatorUtilities.CreateInstance<PairingRoundJob>(app.Services).RunScheduledAsync(workspace, CancellationToken.None);
        var intro = platform == "slack"
            ? (await app.Slack.WaitUntilAsync(() => app.Slack.Posted.FirstOrDefault(p => p.Text.Contains("Meet your pack", StringComparison.Ordinal)), "the pod introduction")).Text
            : (await ben.MessageAsync("Meet your pack")).Text;
        Assert.Contains("Teacher UHU2", intro, StringComparison.Ordinal);
        Assert.Contains("Teacher UHU4", intro, StringComparison.Ordinal);
        await app.DrainedAsync();
        if (platform == "slack")
        {
            Assert.Equal(FakeSlack.ChannelFor(["UHU2", "UHU4"]), Assert.Single(app.Slack.Posted, p => p.Text.Contains("Meet your pack", StringComparison.Ordinal)).Channel);
        }

        foreach (var t in new[] { ana, cleo, eve, finn })
        {
            Assert.DoesNotContain(t.Messages, m => m.Text.Contains("Meet your pack", StringComparison.Ordinal) || m.Text.Contains("couldn't place you", StringComparison.Ordinal));
        }

        // That round only: Ana and Cleo are in the next one, and the old button says the round is past.
        Assert.Contains("Active: you'll be included", (await ana.TypeAsync("profile")).Text, StringComparison.Ordinal);
        Assert.Contains("Active: you'll be included", (await cleo.TypeAsync("profile")).Text, StringComparison.Ordinal);
        Assert.Contains("already happened", (await ana.ClickAsync(anasHeadsUp, RoundHeadsUp.SkipAction)).Text, StringComparison.Ordinal);
        Assert.Contains("Active: you'll be included", (await ana.TypeAsync("profile")).Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("slack")]
    [InlineData("teams")]
    public async Task Skip_IsInHelp_AndAsksSomeoneWhoHasNotJoinedToJoinFirst(string platform)
    {
        var t = bot.Teacher(platform, "SKIP1");
        var help = await t.TypeAsync("help");
        Assert.Contains("sit out the next pairing round only", help.Text, StringComparison.Ordinal);
        Assert.Contains($"`{t.Prefix}skip`", help.Text, StringComparison.Ordinal);
        Assert.Contains("haven't joined", (await t.TypeAsync("skip")).Text, StringComparison.Ordinal);
    }
}
