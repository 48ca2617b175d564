using System.Text.Json.Nodes;
using PeerBot.Bot.Commands.Find;
using PeerBot.Bot.Tests.Infrastructure;
using PeerBot.Bot.Tests.Infrastructure.Driver;
using PeerBot.Bot.Tests.Scheduler;
using PeerBot.Bot.Tests.Teams;

namespace PeerBot.Bot.Tests.Commands;

/// <summary>
/// A teacher's confidential never-pair list, and evaluators kept apart from the teachers they evaluate: honoured by
/// find, say-hi, rounds and mentor requests, never shown to anyone else, erased by leave.
/// </summary>
public sealed class BoundariesTests(TeamsApp bot) : IClassFixture<TeamsApp>
{
    private const string Admin = "UADMIN";

    [Theory]
    [InlineData("slack")]
    [InlineData("teams")]
    public async Task NeverList_IsPrivate_AndFindAndSayHiNeverBringTheTwoTogether(string platform)
    {
        var ana = bot.Teacher(platform, "NV1");
        var ben = bot.Teacher(platform, "NV2");
        var cleo = bot.Teacher(platform, "NV3");
        await JoinAsync(ana, "Ana");
        await JoinAsync(ben, "Ben");
        await JoinAsync(cleo, "Cleo");
        Assert.Contains("Ben", (await ana.TypeAsync("find math")).Text, StringComparison.Ordinal);

        var added = await TypeMentioningAsync(ana, "never", ben, "Ben");
        Assert.Contains("never pair you with Ben", added.Text, StringComparison.Ordinal);
        Assert.Contains("aren't told", added.Text, StringComparison.Ordinal);

        Assert.Contains("Ben", (await ana.TypeAsync("never list")).Text, StringComparison.Ordinal);
        var bensList = await ben.TypeAsync("never list");
        Assert.Contains("empty", bensList.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Ana", bensList.Text, StringComparison.Ordinal);

        var anaFinds = await ana.TypeAsync("find math");
        Assert.Contains("Cleo", anaFinds.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Ben", anaFinds.Text, StringComparison.Ordinal);
        var benFinds = await ben.TypeAsync("find math");
        Assert.Contains("Cleo", benFinds.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Ana", benFinds.Text, StringComparison.Ordinal);

        // An old "say hi" button gets the same answer as for someone on a break: nothing hints at the list.
        var refused = await ben.ClickAsync(SayHiAction.Id, ana.UserId);
        Assert.Contains("isn't available", refused.Text, StringComparison.Ordinal);
        var paused = await cleo.TypeAsync("pause");
        Assert.Contains("Paused", paused.Text, StringComparison.Ordinal);
        Assert.Equal(refused.Text, (await ana.ClickAsync(SayHiAction.Id, cleo.UserId)).Text);
        await cleo.TypeAsync("resume");

        var removed = await TypeMentioningAsync(ana, "never remove", ben, "Ben");
        Assert.Contains("can be paired with you again", removed.Text, StringComparison.Ordinal);
        Assert.Contains("Ben", (await ana.TypeAsync("find math")).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARound_NeverPutsSomeoneInAPodWithAPersonOnTheirList()
    {
        await using var app = await PeerBotApp.StartAsync(new() { ["PeerBot:Admins"] = Admin, ["PeerBot:Outbox:PollInterval"] = "00:00:00.100" });
        var twins = new[] { app.SlackTeacher("UP1"), app.SlackTeacher("UP2") };
        var others = new[] { app.SlackTeacher("UP3"), app.SlackTeacher("UP4") };
        foreach (var t in twins)
        {
            await t.TypeAsync($"join role:peer subjects:math grades:6-8 years:3 focus:assessment school:\"Lincoln MS\" tz:America/Chicago name:{t.UserId}");
        }

        foreach (var t in others)
        {
            await t.TypeAsync($"join role:peer subjects:art grades:k-2 years:20 focus:sel school:\"Oak ES\" tz:America/Los_Angeles name:{t.UserId}");
        }

        // The two math teachers are each other's best match by far; one of them has the other on their list.
        await twins[0].TypeAsync("never <@UP2|up2>");
        var admin = app.SlackTeacher(Admin);
        await admin.TypeAsync("admin pods 2");
        Assert.Contains("2 pods introduced", (await admin.TypeAsync("admin round now")).Text, StringComparison.Ordinal);
        await app.DrainedAsync();

        var together = await app.ScalarAsync<long>("""
            select count(*) from pairing_members a join pairing_members b on a.pairing_id = b.pairing_id
            join members ma on ma.id = a.member_id join members mb on mb.id = b.member_id
            where ma.external_user_id = 'UP1' and mb.external_user_id = 'UP2'
            """);
        Assert.Equal(0L, together);
        Assert.Empty(app.Slack.MessagesIn(FakeSlack.ChannelFor(["UP1", "UP2"])));
        Assert.Equal(2, app.Slack.Posted.Where(p => p.Channel.StartsWith('G')).Select(p => p.Channel).Distinct().Count());
    }

    [Fact]
    public async Task AnEvaluator_IsNeverAMentorTo_OrSuggestedTo_TheTeachersAtTheSchoolTheyEvaluate_AndLeaveErasesIt()
    {
        await using var app = await PeerBotApp.StartAsync(new() { ["PeerBot:Admins"] = Admin });
        var principal = app.SlackTeacher("UPR");
        var teacher = app.SlackTeacher("UTE");
        await principal.TypeAsync("join role:mentor subjects:math grades:6-8 years:20 focus:assessment school:\"Lincoln MS\" tz:America/Chicago name:Priya");
        await teacher.TypeAsync("join role:peer subjects:math grades:6-8 years:1 focus:assessment school:\"lincoln ms\" tz:America/Chicago name:Theo");
        Assert.Contains("Theo", (await principal.TypeAsync("find math")).Text, StringComparison.Ordinal);

        var admin = app.SlackTeacher(Admin);
        var rule = await admin.TypeAsync("admin evaluates <@UPR|priya> school:\"Lincoln MS\"");
        Assert.Contains("1 member today", rule.Text, StringComparison.Ordinal);
        Assert.Contains("everyone at Lincoln MS", (await admin.TypeAsync("admin evaluates list")).Text, StringComparison.Ordinal);

        Assert.DoesNotContain("Theo", (await principal.TypeAsync("find math")).Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Priya", (await teacher.TypeAsync("find math")).Text, StringComparison.Ordinal);
        // The only open mentor evaluates this teacher: no mentor is proposed.
        Assert.Contains("No open mentor fits you well right now", (await teacher.TypeAsync("mentor")).Text, StringComparison.Ordinal);
        Assert.Equal(0L, await app.ScalarAsync<long>("select count(*) from pairings"));
        Assert.Contains("someone who evaluates you", (await teacher.TypeAsync("profile")).Text, StringComparison.Ordinal);

        await teacher.TypeAsync("never <@UPR|priya>");
        Assert.Contains("You've left PeerBot", (await principal.TypeAsync("leave")).Text, StringComparison.Ordinal);
        Assert.Equal(0L, await app.ScalarAsync<long>("select count(*) from never_pairs where user_id = 'UPR' or other_user_id = 'UPR'"));
        Assert.Equal(0L, await app.ScalarAsync<long>("select count(*) from evaluators where evaluator_user_id = 'UPR' or teacher_user_id = 'UPR'"));
    }

    [Fact]
    public async Task EvaluatesNamingPeople_KeepsThemApart_AndRemoveLetsThemMeetAgain()
    {
        await using var app = await PeerBotApp.StartAsync(new() { ["PeerBot:Admins"] = Admin });
        var principal = app.SlackTeacher("UPQ");
        await principal.TypeAsync("join role:peer subjects:science grades:9-12 tz:America/Chicago name:Quinn");
        foreach (var (id, name) in new[] { ("UT1", "Tara"), ("UT2", "Tom"), ("UT3", "Tess") })
        {
            await app.SlackTeacher(id).TypeAsync($"join role:peer subjects:science grades:9-12 tz:America/Chicago name:{name}");
        }

        var admin = app.SlackTeacher(Admin);
        Assert.Contains("Done", (await admin.TypeAsync("admin evaluates <@UPQ|quinn> <@UT1|tara> <@UT2|tom>")).Text, StringComparison.Ordinal);
        var found = (await principal.TypeAsync("find science")).Text;
        Assert.DoesNotContain("Tara", found, StringComparison.Ordinal);
        Assert.DoesNotContain("Tom", found, StringComparison.Ordinal);
        Assert.Contains("Tess", found, StringComparison.Ordinal);

        Assert.Contains("Removed 2 rules", (await admin.TypeAsync("admin evaluates remove <@UPQ|quinn>")).Text, StringComparison.Ordinal);
        Assert.Contains("Tara", (await principal.TypeAsync("find science")).Text, StringComparison.Ordinal);
    }

    private static async Task JoinAsync(Teacher teacher, string name) =>
        Assert.Contains("Welcome", (await teacher.TypeAsync($"join role:peer subjects:math grades:6-8 focus:assessment tz:America/Chicago name:{name}")).Text, StringComparison.Ordinal);

    /// <summary>Types "<paramref name="verb"/> @someone" the way each platform sends a mention.</summary>
    private static async Task<Seen> TypeMentioningAsync(Teacher teacher, string verb, Teacher someone, string name)
    {
        if (teacher is not TeamsTeacher teams)
        {
            return await teacher.TypeAsync($"{verb} <@{someone.UserId}|{name.ToLowerInvariant()}>");
        }

        // Teams: "<at>Ben</at>" in the text, and who it is in the activity's mention entities.
        teams.Shape = activity => activity["entities"] = new JsonArray(new JsonObject
        {
            ["type"] = "mention",
            ["text"] = $"<at>{name}</at>",
            ["mentioned"] = new JsonObject { ["id"] = someone.UserId, ["name"] = name },
        });
        try
        {
            return await teacher.TypeAsync($"{verb} <at>{name}</at>");
        }
        finally
        {
            teams.Shape = null;
        }
    }
}
