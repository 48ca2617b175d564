using System.Text.Json.Nodes;
using PeerBot.Bot.Tests.Infrastructure;
using PeerBot.Bot.Tests.Infrastructure.Driver;
using PeerBot.Bot.Tests.Scheduler;
using PeerBot.Bot.Tests.Teams;
using PeerBot.Scheduler.CheckIns;
using PeerBot.Scheduler.Thanks;

namespace PeerBot.Bot.Tests.Thanks;

/// <summary>
/// Thanks after a meeting: <em>Say thanks</em> on a "We met" answer (an optional note in a small form) and
/// <c>thanks @someone [note]</c> reach the colleague once, only someone you were paired with, and nothing in the
/// answer tells anything about a person you may not thank.
/// </summary>
public sealed class ThanksTests(TeamsApp bot) : IClassFixture<TeamsApp>
{
    private const string Fields = PodRig.Fields;

    [Theory]
    [InlineData("slack")]
    [InlineData("teams")]
    public async Task SayThanksAfterWeMet_ReachesTheWholePodOnce_WithTheNote_HoweverOftenItIsClicked(string platform)
    {
        await using var rig = await PodRig.StartAsync(platform);
        var app = rig.App;
        var (ana, ben, cleo) = await rig.PodOfThreeAsync("UTH");

        var checkIn = await ana.TypeAsync("checkin");
        var met = await ana.ClickAsync(checkIn, CheckInMessages.MetAction);
        Assert.Contains(met.Buttons, b => b.Label.StartsWith("Say thanks to your pod", StringComparison.Ordinal));
        var form = await ana.ClickAsync(met, ThanksMessages.SayThanksAction);
        Assert.True(form.IsForm);
        Assert.Contains("Ben Ode and Cleo Park", form.Text, StringComparison.Ordinal);

        var sent = await ana.SubmitAsync(form, new Dictionary<string, string[]> { [ThanksMessages.NoteField] = ["Your exit-ticket idea worked in 3rd period <!channel>"] });
        Assert.Contains("Thanks sent to Ben Ode and Cleo Park", sent.Text, StringComparison.Ordinal);
        // The same form sent again, and the button clicked again: still one thanks each.
        Assert.Contains("already said thanks", (await ana.SubmitAsync(form, new Dictionary<string, string[]> { [ThanksMessages.NoteField] = ["again"] })).Text, StringComparison.Ordinal);
        Assert.Contains("already said thanks", (await ana.ClickAsync(met, ThanksMessages.SayThanksAction)).Text, StringComparison.Ordinal);

        foreach (var colleague in new[] { ben, cleo })
        {
            var thanks = await colleague.MessageAsync("says thanks for meeting");
            Assert.Contains("Ana Ruiz says thanks for meeting: “Your exit-ticket idea worked in 3rd period ‹!channel›”", Plain(thanks), StringComparison.Ordinal);
        }

        await app.DrainedAsync();
        Assert.Single(ben.Messages, m => m.Contains("says thanks"));
        Assert.Single(cleo.Messages, m => m.Contains("says thanks"));
        Assert.DoesNotContain(ana.Messages, m => m.Contains("says thanks"));
        Assert.Equal(2L, await app.ScalarAsync<long>("select count(*) from thanks"));

        // Someone not in the pod cannot use Ana's button; Ben (in the pod) has not answered "met" himself yet.
        var dev = rig.Person("UTH4", "Dev Shah");
        await dev.TypeAsync($"join {Fields}");
        Assert.Contains("isn't one of yours", (await dev.ClickAsync(ThanksMessages.SayThanksAction, met.Button(ThanksMessages.SayThanksAction))).Text, StringComparison.Ordinal);
        var bensForm = await ben.ClickAsync(ThanksMessages.SayThanksAction, met.Button(ThanksMessages.SayThanksAction));
        Assert.Contains("tap *We met*", (await ben.SubmitAsync(bensForm, new Dictionary<string, string[]>())).Text, StringComparison.Ordinal);
        Assert.Equal(2L, await app.ScalarAsync<long>("select count(*) from thanks"));
    }

    [Theory]
    [InlineData("slack")]
    [InlineData("teams")]
    public async Task TypedThanks_ReachesOnlySomeoneYouWerePairedWith_AndTheRefusalSaysNothingAboutThePerson(string platform)
    {
        await using var rig = await PodRig.StartAsync(platform);
        var app = rig.App;
        var (ana, ben, cleo) = await rig.PodOfThreeAsync("UTT");
        var dev = rig.Person("UTT4", "Dev Shah");
        await dev.TypeAsync($"join {Fields}");

        var sent = await TypeMentioningAsync(ben, "thanks", ana, "Ana Ruiz", "Your questions made me rethink my warm-ups");
        Assert.Contains("Thanks sent to Ana Ruiz, with your name and your note", sent.Text, StringComparison.Ordinal);
        Assert.Contains("already sent Ana Ruiz that thanks today", (await TypeMentioningAsync(ben, "thanks", ana, "Ana Ruiz", "Your questions made me rethink my warm-ups")).Text, StringComparison.Ordinal);
        Assert.Contains("Ben Ode wanted to say thanks: “Your questions made me rethink my warm-ups”", Plain(await ana.MessageAsync("wanted to say thanks")), StringComparison.Ordinal);

        // Dev joined after the round; "Zed" never joined: one answer for both, naming neither.
        var notPaired = await TypeMentioningAsync(ben, "thanks", dev, "Dev Shah", "hi");
        Assert.Contains("only to colleagues PeerBot has paired you with", notPaired.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Dev", notPaired.Text, StringComparison.Ordinal);
        var stranger = rig.Person("UTT9", "Zed Nobody");
        Assert.Equal(notPaired.Text, (await TypeMentioningAsync(ben, "thanks", stranger, "Zed Nobody", "hi")).Text);
        Assert.Contains("That's you", (await TypeMentioningAsync(ben, "thanks", ben, "Ben Ode", "")).Text, StringComparison.Ordinal);

        // Cleo keeps Ana off her never-pair list: Ana is answered as for anyone, and Cleo never hears of it.
        await TypeMentioningAsync(cleo, "never", ana, "Ana Ruiz", "");
        var toCleo = await TypeMentioningAsync(ana, "thanks", cleo, "Cleo Park", "see you Thursday");
        Assert.Equal(sent.Text.Replace("Ana Ruiz", "Cleo Park", StringComparison.Ordinal), toCleo.Text);
        var toBen = await TypeMentioningAsync(ana, "thanks", ben, "Ben Ode", "see you Thursday");
        Assert.Equal(toCleo.Text.Replace("Cleo Park", "Ben Ode", StringComparison.Ordinal), toBen.Text);
        await ben.MessageAsync(m => Plain(m).Contains("Ana Ruiz wanted to say thanks: “see you Thursday”", StringComparison.Ordinal), "Ana's thanks");
        await app.DrainedAsync();
        Assert.DoesNotContain(cleo.Messages, m => m.Contains("thanks"));
        Assert.DoesNotContain(dev.Messages, m => m.Contains("thanks"));
        Assert.Equal(0L, await app.ScalarAsync<long>("select count(*) from outbox where purpose = 'thanks' and $1 = any(recipients)", cleo.UserId));
    }

    [Theory]
    [InlineData("slack")]
    [InlineData("teams")]
    public async Task Thanks_IsInHelp_AndAsksSomeoneWhoHasNotJoinedToJoinFirst(string platform)
    {
        var t = bot.Teacher(platform, "THX1");
        var help = await t.TypeAsync("help");
        Assert.Contains("thanks @someone [note]", help.Text, StringComparison.Ordinal);
        Assert.Contains($"`{t.Prefix}thanks @sam", help.Text, StringComparison.Ordinal);
        Assert.Contains("haven't joined", (await t.TypeAsync("thanks")).Text, StringComparison.Ordinal);
    }

    /// <summary>What the teacher reads, without the Markdown bold markers Teams shows as bold.</summary>
    internal static string Plain(Seen seen) => seen.Text.Replace("**", "", StringComparison.Ordinal);

    /// <summary>Types "{verb} @name rest": Slack's escaped mention, or Teams' &lt;at&gt; with its mention entity.</summary>
    internal static async Task<Seen> TypeMentioningAsync(Teacher teacher, string verb, Teacher someone, string name, string rest)
    {
        if (teacher is not TeamsTeacher teams)
        {
            return await teacher.TypeAsync($"{verb} <@{someone.UserId}|{name.Split(' ')[0].ToLowerInvariant()}> {rest}".TrimEnd());
        }

        teams.Shape = activity => activity["entities"] = new JsonArray(new JsonObject
        {
            ["type"] = "mention",
            ["text"] = $"<at>{name}</at>",
            ["mentioned"] = new JsonObject { ["id"] = someone.UserId, ["name"] = name },
        });
        try
        {
            return await teacher.TypeAsync($"{verb} <at>{name}</at> {rest}".TrimEnd());
        }
        finally
        {
            teams.Shape = null;
        }
    }
}
