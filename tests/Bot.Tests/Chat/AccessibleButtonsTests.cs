using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PeerBot.Bot.Tests.Infrastructure;
using PeerBot.Bot.Tests.Infrastructure.Driver;
using PeerBot.Bot.Tests.Scheduler;
using PeerBot.Bot.Tests.Teams;
using PeerBot.Scheduler.CheckIns;
using PeerBot.Scheduler.Pulse;
using PeerBot.Scheduler.Rounds;
using PeerBot.Scheduler.Schedules;

namespace PeerBot.Bot.Tests.Chat;

/// <summary>
/// Every button PeerBot shows says what it does in words to a screen reader (Slack <c>accessibility_label</c>, Teams
/// <c>tooltip</c>), and every 1–5 scale is labelled in words — checked over everything the bot sent in the main journeys.
/// </summary>
public sealed partial class AccessibleButtonsTests
{
    // Friday 4 December 2026, 15:30 in Chicago: after class, so nothing waits for quiet hours to end.
    private static readonly DateTimeOffset AfterClass = new(2026, 12, 4, 21, 30, 0, TimeSpan.Zero);
    private const string Fields = "role:peer subjects:math grades:6-8 years:3 focus:assessment tz:America/Chicago";

    [Theory]
    [InlineData("slack")]
    [InlineData("teams")]
    public async Task EveryButtonInTheMainJourneys_SaysWhatItDoesInWords_AndScalesAreLabelledInWords(string platform)
    {
        var clock = new FakeTimeProvider(AfterClass);
        var (bf, app) = await TeamsApp.StartAsync(new()
        {
            ["PeerBot:Admins"] = $"UADMIN, {TeamsActivities.TenantId}:29:UADMIN",
            ["PeerBot:Outbox:PollInterval"] = "00:00:00.100",
            ["PeerBot:Outbox:WorkspaceMessagesPerSecond"] = "0",
        }, s => s.AddSingleton<TimeProvider>(clock));
        await using var _ = app;
        await using var __ = bf;
        Teacher Person(string id, string name)
        {
            Teacher t = platform == "slack" ? app.SlackTeacher(id) : app.TeamsTeacher(bf, "29:" + id, name);
            t.Clock = clock.GetUtcNow;
            return t;
        }

        var (ana, ben, cleo, dev, admin) = (Person("UAB1", "Ana Ruiz"), Person("UAB2", "Ben Ode"), Person("UAB3", "Cleo Park"), Person("UAB4", "Dev Patel"), Person("UADMIN", "Ada Min"));
        var seen = new List<Seen>();
        foreach (var t in new[] { ana, ben, cleo, dev })
        {
            seen.Add(await t.TypeAsync($"join {Fields}"));
        }

        seen.Add(await ana.TypeAsync("join"));
        seen.Add(await ana.TypeAsync("profile"));
        var found = await ana.TypeAsync("find math");
        Assert.NotEmpty(found.Buttons);
        seen.Add(found);
        seen.Add(await ana.ClickAsync(RoundHeadsUp.PauseAction, ""));

        var workspace = await app.ScalarAsync<Guid>("select id from workspaces where platform = $1", platform);
        await app.Services.GetRequiredService<WorkspaceSettingsStore>().SetPodSizeAsync(workspace, 2, CancellationToken.None);
        seen.Add(await admin.TypeAsync("admin round now"));
        await app.DrainedAsync();
        var checkIn = await ana.TypeAsync("checkin");
        seen.Add(checkIn);
        var rating = await ana.ClickAsync(checkIn, CheckInMessages.MetAction);
        seen.Add(rating);
        // The scale, then the one-tap thank-you a "met" answer carries.
        var scale = rating.Buttons.Where(b => b.ActionId == CheckInMessages.RateAction).ToList();
        Assert.Equal(["1 – Not useful", "2 – A little useful", "3 – Somewhat useful", "4 – Useful", "5 – Very useful"], scale.Select(b => b.Label));
        Assert.Equal("Rate the meeting 5 of 5: very useful", scale[^1].Spoken);
        Assert.Equal("Say thanks for meeting, with a note if you like", rating.Buttons[^1].Spoken);

        seen.Add(await admin.TypeAsync("admin pulse now"));
        var pulse = await ben.MessageAsync("wellness pulse");
        Assert.Equal(["1 – Calm", "2 – Low", "3 – Medium", "4 – High", "5 – Very stressed"], pulse.Buttons.Select(b => b.Label));
        var second = await ben.ClickAsync(PulseMessages.AnswerAction, pulse.Buttons[1].Value);
        seen.Add(second);
        Assert.Equal(["1 – Not at all", "2 – Low", "3 – Medium", "4 – High", "5 – Very"], second.Buttons.Select(b => b.Label));
        await app.DrainedAsync();

        // Everything the bot sent anyone, wherever it went (DMs, group chats, replies, forms, Home), plus the direct answers.
        seen.AddRange(platform == "slack" ? SentOnSlack(app.Slack) : bf.Activities.Select(a => a.Json).OfType<JsonNode>().Select(Seen.FromTeams));
        var buttons = seen.SelectMany(s => s.Buttons).ToList();
        Assert.Contains(buttons, b => b.ActionId == Introductions.EndAction);
        Assert.Contains(buttons, b => b.ActionId == CheckInMessages.NotYetAction);
        Assert.True(buttons.Count >= 25, $"only {buttons.Count} buttons seen");
        Assert.All(buttons, b =>
        {
            Assert.False(string.IsNullOrWhiteSpace(b.Spoken), $"The button \"{b.Label}\" ({b.ActionId}) has no accessible description");
            Assert.True(b.Spoken!.Length <= 75, $"\"{b.Spoken}\" is longer than Slack's 75 characters");
            Assert.Matches(Words(), b.Spoken);
            // A scale point is never a bare number: "3 – Medium".
            Assert.Matches(Words(), b.Label);
        });
        Assert.Contains(buttons, b => b.Spoken == "Skip this week's check-in");
        Assert.Contains(buttons, b => b.Spoken == "Pause for 2 weeks");
        Assert.Contains(buttons, b => b.Label == "We met ✅" && b.Spoken == "We met this week");
    }

    /// <summary>Every message, reply, modal and Home view the fake Slack received, as the person would see it.</summary>
    private static IEnumerable<Seen> SentOnSlack(FakeSlack slack) => slack.Calls.Select(c => c.Method switch
    {
        "chat.postMessage" or "response_url" when c.Json is { } json => Seen.FromSlack(json),
        "views.open" or "views.publish" when c.Json?["view"] is { } view => Seen.FromSlack(view),
        _ => null,
    }).OfType<Seen>();

    [GeneratedRegex(@"\p{L}{2,}")]
    private static partial Regex Words();
}
