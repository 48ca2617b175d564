using PeerBot.Bot.Commands.Profiles;
using PeerBot.Bot.Tests.Infrastructure;
using PeerBot.Bot.Tests.Infrastructure.Driver;
using PeerBot.Bot.Tests.Scheduler;
using PeerBot.Scheduler.CheckIns;
using PeerBot.Scheduler.Rounds;
using PeerBot.Scheduler.Thanks;
using static PeerBot.Bot.Tests.Thanks.ThanksTests;

namespace PeerBot.Bot.Tests.Thanks;

/// <summary>
/// My dashboard — Slack's Home tab, and <c>profile</c> on both platforms (Teams has no Home tab): my pairings and where
/// each stands, the next check-in, my ripples (colleagues met, thanks with their notes), skip/pause/resume and my private
/// never-pair list, each button working from there; coaches see only this term's counts, withheld for small groups.
/// </summary>
public sealed class DashboardTests
{

    [Theory]
    [InlineData("slack")]
    [InlineData("teams")]
    public async Task MyDashboard_ShowsPairingsRipplesAndMyNeverList_AndItsButtonsWorkFromThere(string platform)
    {
        await using var rig = await PodRig.StartAsync(platform);
        var app = rig.App;
        var (ana, ben, cleo) = await rig.PodOfThreeAsync("UDB");
        var dev = rig.Person("UDB4", "Dev Shah");
        await dev.TypeAsync("join role:peer subjects:art tz:America/Chicago");

        // Before anyone met: introduced, and no ripples yet.
        var before = await DashboardAsync(ana);
        Assert.Contains("Pod with Ben Ode and Cleo Park — introduced", before.Text, StringComparison.Ordinal);
        Assert.Contains("start when you meet", before.Text, StringComparison.Ordinal);

        // Ben says they met and thanks the pod; Ana keeps Dev off her list.
        var met = await ben.ClickAsync(await ben.TypeAsync("checkin"), CheckInMessages.MetAction);
        await ben.SubmitAsync(await ben.ClickAsync(met, ThanksMessages.SayThanksAction), new Dictionary<string, string[]> { [ThanksMessages.NoteField] = ["Loved your seating chart"] });
        await TypeMentioningAsync(ana, "never", dev, "Dev Shah", "");
        await app.DrainedAsync();

        var mine = await DashboardAsync(ana);
        Assert.Contains("Pod with Ben Ode and Cleo Park — met ✅ (last: week of 7 Dec)", mine.Text, StringComparison.Ordinal);
        Assert.Contains("Next check-in: Thursday 10 December.", mine.Text, StringComparison.Ordinal);
        Assert.Contains("you've met 2 colleagues; you've been thanked once.", mine.Text, StringComparison.Ordinal);
        Assert.Contains("Ben Ode", mine.Text, StringComparison.Ordinal);
        Assert.Contains("7 Dec: “Loved your seating chart”", mine.Text, StringComparison.Ordinal);
        Assert.Contains("(only you can see it): Dev Shah.", mine.Text, StringComparison.Ordinal);
        Assert.Equal(dev.UserId, mine.Button(MemberDashboard.NeverRemoveAction));
        Assert.Equal("skip", mine.Button(MemberDashboard.SkipAction));
        Assert.Contains(mine.Buttons, b => b.ActionId == "profile.edit");

        // Nobody else sees Ana's list or her thanks: Dev's and Cleo's own dashboards say nothing of them.
        var devs = await DashboardAsync(dev);
        Assert.Contains("is empty", devs.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Ana", devs.Text, StringComparison.Ordinal);
        var cleos = await DashboardAsync(cleo);
        Assert.Contains("“Loved your seating chart”", cleos.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Dev Shah", cleos.Text, StringComparison.Ordinal);

        // Skip, take Dev off, pause for a week, resume: each from the dashboard, each shown there after.
        Assert.Contains("sitting out the next pairing round (Monday 14 December)", (await ClickAsync(ana, mine, MemberDashboard.SkipAction, "skip")).Text, StringComparison.Ordinal);
        var skipping = await AfterClickAsync(ana);
        Assert.Contains("Sitting out the next pairing round only", skipping.Text, StringComparison.Ordinal);
        Assert.Equal("back", skipping.Button(MemberDashboard.SkipAction));
        Assert.Contains("back in the next pairing round", (await ClickAsync(ana, skipping, MemberDashboard.SkipAction, "back")).Text, StringComparison.OrdinalIgnoreCase);

        Assert.Contains("Dev Shah can be paired with you again", (await ClickAsync(ana, mine, MemberDashboard.NeverRemoveAction, dev.UserId)).Text, StringComparison.Ordinal);
        var emptied = await AfterClickAsync(ana);
        Assert.Contains("is empty", emptied.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(emptied.Buttons, b => b.ActionId == MemberDashboard.NeverRemoveAction);

        var choices = await ClickAsync(ana, emptied, RoundHeadsUp.PauseAction, "");
        Assert.Contains("Paused for 1 week", (await ana.ClickAsync(choices, RoundHeadsUp.PauseForAction)).Text, StringComparison.Ordinal);
        var paused = await DashboardAsync(ana);
        Assert.Contains("Paused until", paused.Text, StringComparison.Ordinal);
        Assert.Contains("No check-ins while you're paused.", paused.Text, StringComparison.Ordinal);
        Assert.Contains("Welcome back", (await ClickAsync(ana, paused, Introductions.BackAction, "")).Text, StringComparison.Ordinal);
        Assert.Contains("Active: you'll be included in the next pairing round.", (await AfterClickAsync(ana)).Text, StringComparison.Ordinal);
    }

    /// <summary>The dashboard as the teacher opens it: Slack's Home tab, Teams' <c>profile</c> card.</summary>
    private static async Task<Seen> DashboardAsync(Teacher t) => t is SlackTeacher slack ? await slack.OpenHomeAsync() : await t.TypeAsync("profile");

    /// <summary>A dashboard button: on Slack's Home tab (the answer comes as a DM), on Teams' card.</summary>
    private async Task<Seen> ClickAsync(Teacher t, Seen on, string actionId, string value)
    {
        Assert.Contains(on.Buttons, b => b.ActionId == actionId);
        if (t is not SlackTeacher slack)
        {
            return await t.ClickAsync(actionId, value);
        }

        _publishedBefore = slack.App.Slack.CallsTo("views.publish").Count;
        return await slack.ClickInHomeAsync(actionId, value);
    }

    private int _publishedBefore;

    /// <summary>What the dashboard shows after a click: Slack publishes the Home tab again by itself (no opening it); Teams' profile.</summary>
    private async Task<Seen> AfterClickAsync(Teacher t) => t is SlackTeacher slack
        ? await slack.App.Slack.WaitUntilAsync(() => slack.App.Slack.CallsTo("views.publish").Skip(_publishedBefore)
            .Select(c => c.Json!).LastOrDefault(j => j["user_id"]?.GetValue<string>() == slack.UserId) is { } j ? Seen.FromSlack(j["view"]!) : null, "the Home tab published again after the click")
        : await t.TypeAsync("profile");
}
