using PeerBot.Bot.Tests.Infrastructure;
using PeerBot.Bot.Tests.Thanks;

namespace PeerBot.Bot.Tests.Reports;

/// <summary>
/// A coach's mentoring health counts whole weeks that are over, and a week rated by fewer people than the suppression
/// threshold never enters the mean: no report, nor any difference of two reports (another day, another week filter),
/// can single out a lone rating.
/// </summary>
public sealed class MentoringHealthTests
{
    private static readonly DateTimeOffset MondayAfterClass = PodRig.MondayAfterClass;

    [Fact]
    public async Task ALoneCheckInRating_NeverMovesTheCoachesMean_WhateverDayOrWeeksTheyAskFor()
    {
        await using var rig = await PodRig.StartAsync("slack", new()
        {
            ["PeerBot:Admins"] = "UMHADMIN",
            ["PeerBot:Pulse:SuppressionThreshold"] = "3",
        });
        var (app, clock) = (rig.App, rig.Clock);
        var people = Enumerable.Range(0, 6).Select(i => rig.Person($"UMH{i}", $"Teacher {i}")).ToArray();
        await rig.PodsOfAsync(2, people);
        var admin = rig.Person("UMHADMIN", "Ada Admin");
        Assert.Contains("now a coach", (await admin.TypeAsync("admin coach add <@UMHCOACH|cora>")).Text, StringComparison.Ordinal);
        var coach = rig.Person("UMHCOACH", "Cora Coach");

        // The week of 7 December: three people rate 4; the week of 14 December: one person rates 2, on the Tuesday.
        await RateAsync(app, "2026-12-07", "2026-12-08T20:00:00Z", 4, 3);
        await RateAsync(app, "2026-12-14", "2026-12-15T20:00:00Z", 2, 1);

        var reports = new List<string>();
        foreach (var day in new[] { 8, 9, 14, 21 })
        {
            clock.SetUtcNow(MondayAfterClass.AddDays(day));
            foreach (var ask in new[] { "report", "report 1", "report 2", "report 4" })
            {
                var text = (await coach.TypeAsync(ask)).Text;
                reports.Add($"{day}/{ask}: {Line(text)}");
            }
        }

        // Only ever the three 4s: the lone 2 would have made it 3.5.
        Assert.All(reports, r => Assert.DoesNotContain("rated 3.5", r, StringComparison.Ordinal));
        Assert.Contains(reports, r => r.Contains("check-ins rated 4.0 / 5", StringComparison.Ordinal));
    }

    /// <summary>The "Mentoring:" line of a report.</summary>
    private static string Line(string report) =>
        report.Split('\n').FirstOrDefault(l => l.Contains("Mentoring:", StringComparison.Ordinal)) ?? report;

    /// <summary>Check-in answers as members gave them: "met", rated, in the week starting <paramref name="week"/>.</summary>
    private static Task RateAsync(PeerBotApp app, string week, string answeredAt, int rating, int people) => app.ScalarAsync<long>("""
        with rated as (
            insert into checkins (pairing_id, member_id, week, answer, rating, answered_at)
            select pm.pairing_id, pm.member_id, $1::date, 'met', $3, $2::timestamptz
            from pairing_members pm
            where not exists (select 1 from checkins c where c.member_id = pm.member_id)
            order by pm.member_id limit $4
            returning 1)
        select count(*) from rated
        """, week, answeredAt, rating, (long)people);
}
