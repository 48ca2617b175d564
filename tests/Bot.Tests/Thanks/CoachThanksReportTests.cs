using PeerBot.Bot.Tests.Infrastructure;
using PeerBot.Bot.Tests.Infrastructure.Driver;
using PeerBot.Bot.Tests.Scheduler;
using PeerBot.Scheduler.CheckIns;
using PeerBot.Scheduler.Thanks;
using static PeerBot.Bot.Tests.Thanks.ThanksTests;

namespace PeerBot.Bot.Tests.Thanks;

/// <summary>
/// Coaches see this term's meetings and thanks as counts only — never who — each withheld while it rests on fewer people
/// than the suppression threshold, counted to the end of last week, and the same whatever the report's filters.
/// </summary>
public sealed class CoachThanksReportTests
{
    private static readonly DateTimeOffset MondayAfterClass = PodRig.MondayAfterClass;

    [Fact]
    public async Task MentoringHealth_CountsThanksAndPairingsThatMet_NeverNames_AndHidesSmallGroups()
    {
        await using var rig = await PodRig.StartAsync("slack", new()
        {
            ["PeerBot:Admins"] = "URADMIN",
            ["PeerBot:Pulse:SuppressionThreshold"] = "3",
        });
        var (app, clock) = (rig.App, rig.Clock);
        string[] names = ["Ana Ruiz", "Ben Ode", "Cleo Park", "Dev Shah", "Eve Lund", "Finn Moss"];
        var people = names.Select((n, i) => rig.Person($"URP{i}", n)).ToArray();
        await rig.PodsOfAsync(2, people);
        var admin = rig.Person("URADMIN", "Ada Admin");
        Assert.Contains("now a coach", (await admin.TypeAsync("admin coach add <@URCOACH|cora>")).Text, StringComparison.Ordinal);
        var coach = rig.Person("URCOACH", "Cora Coach");

        var pods = new List<(Teacher A, Teacher B)>();
        foreach (var pair in await PairsAsync(app))
        {
            pods.Add((people.Single(p => p.UserId == pair[0]), people.Single(p => p.UserId == pair[1])));
        }

        // Two pods meet and say thanks on Monday 7 December; the third only thanks by typing, a week later.
        foreach (var (a, _) in pods.Take(2))
        {
            var met = await a.ClickAsync(await a.TypeAsync("checkin"), CheckInMessages.MetAction);
            Assert.Contains("Thanks sent", (await a.SubmitAsync(await a.ClickAsync(met, ThanksMessages.SayThanksAction), new Dictionary<string, string[]>())).Text, StringComparison.Ordinal);
        }

        await app.DrainedAsync();
        var sameWeek = await coach.TypeAsync("report");
        Assert.Contains("This term (1 Aug to 6 Dec): no pairings yet; thanks from fewer than 3 people, so not counted here", sameWeek.Text, StringComparison.Ordinal);

        clock.SetUtcNow(MondayAfterClass.AddDays(7));
        var nextWeek = await coach.TypeAsync("report");
        const string TwoGivers = "This term (1 Aug to 13 Dec): 67% of 3 pairings met at least once; thanks from fewer than 3 people, so not counted here (counts only: never who met or thanked whom).";
        Assert.Contains(TwoGivers, nextWeek.Text, StringComparison.Ordinal);

        // A third person thanks today: not counted until the week is over, so two reports a day apart can't be subtracted.
        var (c, d) = pods[2];
        Assert.Contains("Thanks sent", (await TypeMentioningAsync(c, "thanks", d, "x", "thank you")).Text, StringComparison.Ordinal);
        await app.DrainedAsync();
        Assert.Contains(TwoGivers, (await coach.TypeAsync("report")).Text, StringComparison.Ordinal);
        Assert.Contains(TwoGivers, (await coach.TypeAsync("report 2")).Text, StringComparison.Ordinal);

        clock.SetUtcNow(MondayAfterClass.AddDays(14));
        var later = await coach.TypeAsync("report");
        Assert.Contains("This term (1 Aug to 20 Dec): 67% of 3 pairings met at least once; 3 thank-yous given (counts only", later.Text, StringComparison.Ordinal);
        var raw = later.Raw.ToJsonString();
        Assert.All(names, n => Assert.DoesNotContain(n.Split(' ')[0], raw, StringComparison.Ordinal));
        Assert.DoesNotContain("thank you", raw, StringComparison.Ordinal);
    }

    private static async Task<IReadOnlyList<string[]>> PairsAsync(PeerBotApp app)
    {
        var joined = await app.ScalarAsync<string>("""
            select string_agg(users, ';' order by users) from (
                select string_agg(m.external_user_id, ',' order by m.external_user_id) as users
                from pairing_members pm join members m on m.id = pm.member_id group by pm.pairing_id) x
            """);
        return [.. joined!.Split(';').Select(p => p.Split(','))];
    }
}
