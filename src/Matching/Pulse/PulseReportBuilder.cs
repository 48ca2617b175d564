namespace PeerBot.Matching.Pulse;

/// <summary>
/// Turns answer tallies into the suppressed report. Suppression is decided once per pulse over the full
/// cohort breakdown, whatever the scope: a cohort report shows exactly the cell the all-cohorts report would,
/// so no pair of filters can be subtracted to reach a hidden cell.
/// </summary>
public static class PulseReportBuilder
{
    public static PulseReport Build(IReadOnlyList<PulseRound> rounds, IReadOnlyList<AnswerTally> tallies, ReportScope scope, DateOnly today, SuppressionThreshold threshold)
    {
        var since = scope.Since(today);
        // Belt and braces: even if a store handed over an open pulse's counts, they are not read.
        var closed = rounds.Where(r => !r.IsOpen).Select(r => r.PulseId).ToHashSet();
        var byPulse = tallies.Where(t => closed.Contains(t.PulseId)).ToLookup(t => t.PulseId);
        var weeks = new List<PulseWeek>();
        foreach (var round in rounds.Where(r => r.Week > since && r.Week <= today).OrderBy(r => r.Week))
        {
            weeks.Add(Row(round, [.. byPulse[round.PulseId]], scope, threshold));
        }

        var questions = weeks.Count > 0 ? rounds.First(r => r.PulseId == weeks[^1].PulseId).Questions : PulseQuestions.Defaults;
        return new PulseReport(scope, threshold.Value, questions, weeks);
    }

    private static PulseWeek Row(PulseRound round, IReadOnlyList<AnswerTally> tallies, ReportScope scope, SuppressionThreshold threshold)
    {
        var participation = !scope.IsCohort && threshold.Allows(round.Invited) ? (round.Invited, round.Answered) : ((int, int)?)null;
        double? rate = participation is var (invited, answered) && invited > 0 ? Math.Min(1.0, (double)answered / invited) : null;
        if (round.IsOpen)
        {
            // Nothing about answers leaves an open pulse: figures appear once, at close, from sealed tallies.
            return new PulseWeek(round.PulseId, round.Week, rate, PulseCell.Hidden(scope.Cohort), []) { IsOpen = true, Participation = participation };
        }

        var byCohort = tallies.GroupBy(t => t.Cohort ?? PulseReport.NoCohort, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<AnswerTally>)[.. g], StringComparer.Ordinal);
        var respondents = byCohort.ToDictionary(c => c.Key, c => Respondents(c.Value), StringComparer.Ordinal);
        var hidden = CellSuppression.Hidden(respondents, threshold);

        PulseCell CellOf(string cohort) => hidden.Contains(cohort)
            ? PulseCell.Hidden(cohort)
            : Cell(cohort, byCohort.GetValueOrDefault(cohort) ?? [], round.Questions);

        if (scope.Cohort is { } only)
        {
            return new PulseWeek(round.PulseId, round.Week, null, CellOf(only), []);
        }

        var total = respondents.Values.Sum();
        var all = threshold.Allows(total) ? Cell(null, tallies, round.Questions) : PulseCell.Hidden(null);
        var breakdown = respondents.Keys.Order(StringComparer.Ordinal).Select(CellOf).ToList();
        return new PulseWeek(round.PulseId, round.Week, rate, all, breakdown) { Participation = participation };
    }

    /// <summary>Every respondent answers every question at once, so the first question's answers count the people.</summary>
    private static int Respondents(IEnumerable<AnswerTally> tallies) => tallies.Where(t => t.Question == 0).Sum(t => t.Count);

    private static PulseCell Cell(string? cohort, IReadOnlyList<AnswerTally> tallies, IReadOnlyList<PulseQuestion> questions)
    {
        var summaries = new List<QuestionSummary>(questions.Count);
        for (var q = 0; q < questions.Count; q++)
        {
            var distribution = new int[5];
            foreach (var t in tallies)
            {
                if (t.Question == q && t.Value is >= 1 and <= 5)
                {
                    distribution[t.Value - 1] += t.Count;
                }
            }

            var n = distribution.Sum();
            var mean = n == 0 ? 0 : distribution.Select((c, i) => c * (i + 1.0)).Sum() / n;
            summaries.Add(new QuestionSummary(questions[q].Key, questions[q].Text, mean, distribution));
        }

        return new PulseCell(cohort, Respondents(tallies), summaries);
    }
}
