using System.Globalization;
using PeerBot.Matching.Pulse;
using PeerBot.Scheduler.Chat;

namespace PeerBot.Bot.Reports;

/// <summary>The chat summary: the latest shown pulse's headline numbers, the cohort breakdown, mentoring health, and the link.</summary>
public static class ReportText
{
    public static ChatMessage Summary(CoachReport report, Uri? link, DateTimeOffset linkExpires, bool filesSent)
    {
        var p = report.Pulse;
        var scope = p.Scope.Cohort is { } c ? $"cohort {c}" : "all cohorts";
        var heading = $"Pulse report — {scope}, last {p.Scope.Weeks} weeks";
        var lines = new List<string>();
        var closed = p.Weeks.Where(w => !w.IsOpen).ToList();
        var latest = closed.LastOrDefault(w => !w.Scope.IsHidden && w.Scope.Respondents > 0);
        if (p.Weeks.Count == 0)
        {
            lines.Add("No pulses in this period yet.");
        }
        else if (latest is null && closed.Count > 0)
        {
            lines.Add($"Every closed pulse in this period had fewer than {p.Threshold} respondents in this scope, so nothing can be shown without risking someone's anonymity.");
        }
        else if (latest is not null)
        {
            var previous = closed.LastOrDefault(w => w.Week < latest.Week && !w.Scope.IsHidden && w.Scope.Respondents > 0);
            lines.Add($"Latest pulse ({latest.Week:d MMM}): {latest.Scope.Respondents} answered" + (latest.ParticipationRate is { } r ? $" ({r:P0} of those asked)" : "") + ".");
            foreach (var q in latest.Scope.Questions)
            {
                var was = previous?.Scope.Questions.FirstOrDefault(x => x.Key == q.Key);
                var trend = was is null ? "" : $" ({(q.Mean - was.Mean >= 0 ? "+" : "")}{(q.Mean - was.Mean).ToString("0.0", CultureInfo.InvariantCulture)} since {previous!.Week:d MMM})";
                lines.Add($"• {q.Key}: {q.Mean.ToString("0.0", CultureInfo.InvariantCulture)} / 5{trend}");
            }

            var cohorts = latest.Breakdown.Where(b => b.Respondents != 0).Select(b => b.IsHidden ? $"{b.Cohort}: hidden" : $"{b.Cohort}: {b.Respondents}").ToList();
            if (cohorts.Count > 1)
            {
                lines.Add("Cohorts: " + string.Join(", ", cohorts));
            }
        }

        foreach (var open in p.Weeks.Where(w => w.IsOpen))
        {
            lines.Add(OpenLine(open));
        }

        if (report.Mentoring is { } m)
        {
            lines.Add($"Mentoring: {m.ActivePairings} active pairing{(m.ActivePairings == 1 ? "" : "s")}" +
                (m.MetShare is { } met ? $", {met:P0} met last week" : "") +
                (m.MeanRating is { } rating ? $", check-ins rated {rating.ToString("0.0", CultureInfo.InvariantCulture)} / 5" : m.Ratings > 0 ? ", too few check-in ratings to show" : "") + ".");
        }

        if (report.Thanks is { } t)
        {
            lines.Add(ThanksLine(t, p.Threshold));
        }

        if (report.Asks is { Asked: > 0 } a)
        {
            lines.Add($"Ask a colleague: {a.Asked} question{(a.Asked == 1 ? "" : "s")} asked, {a.Answered} answered" +
                (a.MedianToFirstAnswer is { } median ? $", median {Duration(median)} to a first answer" : "") + " (counts only: never a question or who asked).");
        }

        var note = $"Figures appear only once a pulse has closed. Cells with fewer than {p.Threshold} people are hidden (and one more where a hidden cell could be worked out); comments show when {report.CommentsFrom} or more people answered. Nobody's individual answers are ever shown.";
        var blocks = new List<MessageBlock> { new TextBlock($"**{heading}**"), new TextBlock(string.Join("\n", lines)) };
        var text = $"{heading}\n{string.Join("\n", lines)}";
        if (link is not null)
        {
            var web = $"Full report (web, link works until {linkExpires:ddd d MMM HH:mm} UTC): {link}";
            blocks.Add(new TextBlock(web));
            text += "\n" + web;
        }

        if (filesSent)
        {
            blocks.Add(new NoteBlock("The trend chart and the CSV are in your direct chat with PeerBot."));
        }

        blocks.Add(new NoteBlock(note));
        return new ChatMessage(text, blocks);
    }

    /// <summary>This term's meetings and thanks, as counts only; a figure resting on fewer people than the threshold is not shown.</summary>
    public static string ThanksLine(PeerBot.Scheduler.Thanks.ThanksHealth t, int threshold) =>
        $"This term ({t.Since:d MMM} to {t.Until:d MMM}): " +
        (t.MetShare is { } met ? $"{(met * 100).ToString("0", CultureInfo.InvariantCulture)}% of {t.Pairings} pairings met at least once"
            : t.Pairings == 0 ? "no pairings yet" : $"fewer than {threshold} pairings, so the share that met is not shown") + "; " +
        (t.ThanksGiven is { } given ? $"{given} thank-you{(given == 1 ? "" : "s")} given" : $"thanks from fewer than {threshold} people, so not counted here") +
        " (counts only: never who met or thanked whom).";

    private static string Duration(TimeSpan t) =>
        t.TotalMinutes < 90 ? $"{Math.Max(1, (int)Math.Round(t.TotalMinutes))} min"
        : t.TotalHours < 48 ? $"{t.TotalHours.ToString("0.#", CultureInfo.InvariantCulture)} h"
        : $"{t.TotalDays.ToString("0.#", CultureInfo.InvariantCulture)} days";

    /// <summary>An open pulse: how many answered so far, and nothing about what they answered.</summary>
    public static string OpenLine(PulseWeek week) =>
        $"Pulse of {week.Week:d MMM} is still open" +
        (week.Participation is var (invited, answered) ? $": {answered} of {invited} asked have answered so far" : "") +
        ". Its figures appear when it closes.";
}
