using PeerBot.Matching.Pulse;

namespace PeerBot.Matching.Tests.Pulse;

/// <summary>Suppression properties over many generated rows (seeded, so a failure names its case).</summary>
public sealed class SuppressionTests
{
    private static readonly string[] Names = ["new-2026", "district-b", "science", "k-2", "ell", PulseReport.NoCohort];

    public static IEnumerable<object[]> Seeds => Enumerable.Range(1, 400).Select(s => new object[] { s });

    [Fact]
    public void Threshold_IsNeverBelowThree_AndDefaultsToFive()
    {
        Assert.Equal(5, SuppressionThreshold.Of(null).Value);
        Assert.Equal(3, SuppressionThreshold.Of(1).Value);
        Assert.Equal(3, SuppressionThreshold.Of(-7).Value);
        Assert.Equal(8, SuppressionThreshold.Of(8).Value);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Suppression_NoShownCellIsSmall_AndHiddenCellsTogetherAreNeverRecoverable(int seed)
    {
        var random = new Random(seed);
        var threshold = SuppressionThreshold.Of(random.Next(0, 8));
        var cells = Row(random);
        var hidden = CellSuppression.Hidden(cells, threshold);
        var total = cells.Values.Sum();

        // Primary: no shown non-empty cell under the threshold.
        Assert.All(cells.Where(c => c.Value > 0 && !hidden.Contains(c.Key)), c => Assert.True(threshold.Allows(c.Value), $"seed {seed}: {c.Key}={c.Value} shown"));
        if (threshold.Allows(total))
        {
            // Secondary: total − shown = the hidden cells together, which must not describe fewer than the threshold.
            var recoverable = total - cells.Where(c => !hidden.Contains(c.Key)).Sum(c => c.Value);
            Assert.True(recoverable == 0 || threshold.Allows(recoverable), $"seed {seed}: subtraction reveals {recoverable} people");
        }
        else
        {
            Assert.All(cells.Where(c => c.Value > 0), c => Assert.Contains(c.Key, hidden));
        }
    }

    [Fact]
    public void Suppression_OneSmallCellBesideLargeOnes_HidesASecondCell()
    {
        var cells = new Dictionary<string, int> { ["a"] = 2, ["b"] = 7, ["c"] = 9 };
        var hidden = CellSuppression.Hidden(cells, SuppressionThreshold.Of(5));
        Assert.Equal(["a", "b"], hidden.Order());
    }

    [Fact]
    public void Suppression_NothingSmall_HidesNothing()
    {
        Assert.Empty(CellSuppression.Hidden(new Dictionary<string, int> { ["a"] = 5, ["b"] = 6 }, SuppressionThreshold.Of(5)));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Report_EveryFilterCombination_ShowsOnlyCellsTheFullReportShows_AndNoneBelowThreshold(int seed)
    {
        var random = new Random(seed);
        var threshold = SuppressionThreshold.Of(random.Next(3, 7));
        var today = new DateOnly(2026, 6, 5);
        var (rounds, tallies) = Pulses(random, today, count: random.Next(1, 8));
        var full = PulseReportBuilder.Build(rounds, tallies, new ReportScope(null, 52), today, threshold);

        foreach (var cohort in Names.Append(null).Append("nobody-has-this"))
        {
            foreach (var weeks in new[] { 1, 2, 4, 8, 52 })
            {
                var narrowed = PulseReportBuilder.Build(rounds, tallies, new ReportScope(cohort, weeks), today, threshold);
                foreach (var week in narrowed.Weeks)
                {
                    var same = full.Weeks.Single(w => w.PulseId == week.PulseId);
                    foreach (var cell in week.Breakdown.Append(week.Scope).Where(c => !c.IsHidden && c.Respondents > 0))
                    {
                        Assert.True(threshold.Allows(cell.Respondents!.Value), $"seed {seed}: {cohort}/{weeks}w shows {cell.Respondents}");
                    }

                    // A cohort scope shows exactly the cell the full breakdown shows: nothing to subtract between filters.
                    var reference = cohort is null ? same.Scope : same.Breakdown.FirstOrDefault(c => c.Cohort == cohort);
                    Assert.Equal(reference is null ? 0 : reference.Respondents, week.Scope.Respondents);
                }
            }
        }
    }

    [Fact]
    public void Report_MeansAndDistribution_ComeFromTheTallies()
    {
        var pulse = Guid.NewGuid();
        var rounds = new[] { new PulseRound(pulse, new DateOnly(2026, 6, 5), PulseQuestions.Defaults, 20, 6) };
        var tallies = new[] { new AnswerTally(pulse, "a", 0, 2, 3), new AnswerTally(pulse, "a", 0, 5, 3), new AnswerTally(pulse, "a", 1, 4, 6), new AnswerTally(pulse, "a", 2, 3, 6) };
        var report = PulseReportBuilder.Build(rounds, tallies, new ReportScope(null, 4), new DateOnly(2026, 6, 6), SuppressionThreshold.Of(5));
        var week = Assert.Single(report.Weeks);
        Assert.Equal(6, week.Scope.Respondents);
        Assert.Equal(3.5, week.Scope.Questions[0].Mean, 3);
        Assert.Equal([0, 3, 0, 0, 3], week.Scope.Questions[0].Distribution);
        Assert.Equal(0.3, week.ParticipationRate!.Value, 3);
    }

    [Fact]
    public void Comments_OnlyWithTheCommentMinimumOfRespondents_InTheWholeWorkspaceScope_OfAClosedPulse()
    {
        var rules = new AnonymityRules(SuppressionThreshold.Of(5), 10);
        static PulseWeek Week(PulseCell cell, bool open = false) => new(Guid.NewGuid(), new DateOnly(2026, 3, 6), null, cell, []) { IsOpen = open };
        Assert.False(CommentRule.Visible(new ReportScope(null, 8), Week(new PulseCell(null, 9, [])), rules));
        Assert.True(CommentRule.Visible(new ReportScope(null, 8), Week(new PulseCell(null, 10, [])), rules));
        Assert.False(CommentRule.Visible(new ReportScope(null, 8), Week(new PulseCell(null, 10, []), open: true), rules));
        Assert.False(CommentRule.Visible(new ReportScope("new-2026", 8), Week(new PulseCell("new-2026", 40, [])), rules));
        Assert.False(CommentRule.Visible(new ReportScope(null, 8), Week(PulseCell.Hidden(null)), rules));
        Assert.False(CommentRule.Visible(new ReportScope(null, 8), Week(new PulseCell(null, 11, [])), rules with { Threshold = SuppressionThreshold.Of(12) }));
        Assert.True(CommentRule.Visible(new ReportScope(null, 8), Week(new PulseCell(null, 6, [])), rules with { CommentMinimum = 6 }));
        Assert.False(CommentRule.Visible(new ReportScope(null, 8), Week(new PulseCell(null, 4, [])), rules with { CommentMinimum = 3 }));
    }

    [Fact]
    public void OpenPulse_ShowsParticipationOnly_EvenWhenItsCountsAreHandedIn()
    {
        var pulse = Guid.NewGuid();
        var rounds = new[] { new PulseRound(pulse, new DateOnly(2026, 6, 5), PulseQuestions.Defaults, 12, 8, IsOpen: true) };
        var tallies = new[] { new AnswerTally(pulse, "a", 0, 2, 8), new AnswerTally(pulse, "a", 1, 4, 8), new AnswerTally(pulse, "a", 2, 3, 8) };
        var week = Assert.Single(PulseReportBuilder.Build(rounds, tallies, new ReportScope(null, 4), new DateOnly(2026, 6, 6), SuppressionThreshold.Of(5)).Weeks);
        Assert.True(week.IsOpen);
        Assert.True(week.Scope.IsHidden);
        Assert.Empty(week.Scope.Questions);
        Assert.Empty(week.Breakdown);
        Assert.Equal((12, 8), week.Participation);
    }

    [Fact]
    public void Comments_AreShuffled_AndNoneLost()
    {
        var written = Enumerable.Range(0, 30).Select(i => $"comment {i}").ToArray();
        var shown = CommentRule.Shuffle(written, new Random(7));
        Assert.Equal(written.Order(), shown.Order());
        Assert.NotEqual(written, shown);
    }

    [Fact]
    public void SupportSignal_OnlyTheHardEndOfAHardQuestion()
    {
        Assert.True(SupportSignal.IsVeryHighStress(PulseQuestions.Defaults, [5, 3, 3]));
        Assert.False(SupportSignal.IsVeryHighStress(PulseQuestions.Defaults, [4, 1, 1]));
        Assert.False(SupportSignal.IsVeryHighStress(PulseQuestions.Defaults, [1, 5, 5]));
    }

    [Fact]
    public void Questions_AdminSet_ThreeToFive_WithStableKeys()
    {
        Assert.Null(PulseQuestions.TryParse("one | two", out var few));
        Assert.Contains("3 to 5", few, StringComparison.Ordinal);
        var parsed = PulseQuestions.TryParse("How stressed are you? | Did you laugh at work? | Do you have time to plan?", out _)!;
        Assert.Equal(["stress", "did-you-laugh-at-work", "do-you-have-time-to-plan"], parsed.Select(q => q.Key));
        Assert.True(parsed[0].HighIsHard);
    }

    private static Dictionary<string, int> Row(Random random) =>
        Names.Take(random.Next(1, Names.Length + 1)).ToDictionary(n => n, _ => random.Next(0, 3) == 0 ? random.Next(0, 4) : random.Next(0, 15), StringComparer.Ordinal);

    private static (List<PulseRound>, List<AnswerTally>) Pulses(Random random, DateOnly today, int count)
    {
        var rounds = new List<PulseRound>();
        var tallies = new List<AnswerTally>();
        for (var p = 0; p < count; p++)
        {
            var id = Guid.NewGuid();
            var answered = 0;
            foreach (var (cohort, people) in Row(random))
            {
                answered += people;
                for (var person = 0; person < people; person++)
                {
                    for (var q = 0; q < 3; q++)
                    {
                        tallies.Add(new AnswerTally(id, cohort == PulseReport.NoCohort ? null : cohort, q, random.Next(1, 6), 1));
                    }
                }
            }

            rounds.Add(new PulseRound(id, today.AddDays(-14 * p), PulseQuestions.Defaults, answered + random.Next(0, 10), answered));
        }

        return (rounds, tallies);
    }
}
