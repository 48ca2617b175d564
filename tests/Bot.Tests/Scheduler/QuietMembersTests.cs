using PeerBot.Bot.Tests.Infrastructure;
using PeerBot.Bot.Tests.Infrastructure.Driver;
using PeerBot.Scheduler.CheckIns;
using PeerBot.Scheduler.Rounds;

namespace PeerBot.Bot.Tests.Scheduler;

/// <summary>
/// Quiet members: after <c>admin quiet N</c> rounds in which their pairing never met and they answered no check-in,
/// a round pauses them with a kind note and a one-tap "I'm back"; <c>admin show</c> counts them.
/// </summary>
public sealed class QuietMembersTests
{
    private const string Admin = "UADMIN";

    [Fact]
    public async Task AfterTwoSilentRounds_ThoseWhoNeitherMetNorAnswered_ArePausedKindly_AndIAmBackBringsThemBack()
    {
        await using var app = await PeerBotApp.StartAsync(new() { ["PeerBot:Admins"] = Admin, ["PeerBot:Outbox:PollInterval"] = "00:00:00.100" });
        var admin = app.SlackTeacher(Admin);
        // Three obvious pairs: math in Chicago, art in Los Angeles, science in New York.
        var (ana, ben) = (app.SlackTeacher("UQ1"), app.SlackTeacher("UQ2"));
        var (cleo, dev) = (app.SlackTeacher("UQ3"), app.SlackTeacher("UQ4"));
        var (eve, finn) = (app.SlackTeacher("UQ5"), app.SlackTeacher("UQ6"));
        foreach (var t in new[] { ana, ben })
        {
            await t.TypeAsync("join role:peer subjects:math grades:6-8 years:3 focus:assessment school:\"Lincoln MS\" tz:America/Chicago");
        }

        foreach (var t in new[] { cleo, dev })
        {
            await t.TypeAsync("join role:peer subjects:art grades:k-2 years:20 focus:sel school:\"Oak ES\" tz:America/Los_Angeles");
        }

        foreach (var t in new[] { eve, finn })
        {
            await t.TypeAsync("join role:peer subjects:science grades:9-12 years:8 focus:ell school:\"Hill HS\" tz:America/New_York");
        }

        Assert.Contains("haven't met in 2 rounds", (await admin.TypeAsync("admin quiet 2")).Text, StringComparison.Ordinal);
        Assert.Contains("1 to 12", (await admin.TypeAsync("admin quiet never")).Text, StringComparison.Ordinal);
        await admin.TypeAsync("admin pods 2");
        Assert.Contains("3 pods introduced", (await admin.TypeAsync("admin round now")).Text, StringComparison.Ordinal);

        // Cleo answers "not yet" (she answered); Eve says they met (her pod met: Finn too is not quiet).
        await cleo.ClickAsync(await cleo.TypeAsync("checkin"), CheckInMessages.NotYetAction);
        await eve.ClickAsync(await eve.TypeAsync("checkin"), CheckInMessages.MetAction);

        Assert.Contains("0 pods introduced", (await admin.TypeAsync("admin round now")).Text, StringComparison.Ordinal);
        Assert.Contains("Quiet members: 0 paused", (await admin.TypeAsync("admin show")).Text, StringComparison.Ordinal);
        await admin.TypeAsync("admin round now");

        var anasNote = await ana.MessageAsync("paused your pairings");
        Assert.Equal(["I'm back"], anasNote.Buttons.Select(b => b.Label));
        await ben.MessageAsync("paused your pairings");
        await dev.MessageAsync("paused your pairings");
        Assert.Contains("Quiet members: 3 paused after 2 rounds", (await admin.TypeAsync("admin show")).Text, StringComparison.Ordinal);
        Assert.Contains("Paused until", (await ana.TypeAsync("profile")).Text, StringComparison.Ordinal);

        // Dev comes back with one tap and is not paused again at once; nobody is paused twice. Cleo's answer and Eve's
        // "we met" came before the last two rounds: since then their pods were silent too, so this round pauses them.
        Assert.Contains("Welcome back", (await dev.ClickAsync(Introductions.BackAction, anasNote.Button(Introductions.BackAction))).Text, StringComparison.Ordinal);
        Assert.Contains("Active: you'll be included", (await dev.TypeAsync("profile")).Text, StringComparison.Ordinal);
        Assert.Contains("Quiet members: 2 paused", (await admin.TypeAsync("admin show")).Text, StringComparison.Ordinal);
        await admin.TypeAsync("admin round now");
        Assert.Contains("Quiet members: 5 paused", (await admin.TypeAsync("admin show")).Text, StringComparison.Ordinal);
        Assert.Contains("Active: you'll be included", (await dev.TypeAsync("profile")).Text, StringComparison.Ordinal);
        await app.DrainedAsync();
        foreach (var t in new[] { ana, ben, dev, cleo, eve, finn })
        {
            Assert.Single(t.Messages, m => m.Text.Contains("paused your pairings", StringComparison.Ordinal));
        }
    }
}
