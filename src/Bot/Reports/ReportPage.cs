using System.Globalization;
using System.Text;
using static System.Net.WebUtility;

namespace PeerBot.Bot.Reports;

/// <summary>The report as a small, self-contained HTML page (the chart and CSV are served beside it under the same signed link).</summary>
public static class ReportPage
{
    public static string Render(CoachReport report, string token)
    {
        var p = report.Pulse;
        var html = new StringBuilder();
        var title = $"Pulse report — {p.Scope.Cohort ?? "all cohorts"}, last {p.Scope.Weeks} weeks";
        html.Append(CultureInfo.InvariantCulture, $$"""
            <!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="robots" content="noindex">
            <meta name="viewport" content="width=device-width,initial-scale=1"><title>{{HtmlEncode(title)}}</title>
            <style>body{font:15px system-ui,sans-serif;margin:2rem;max-width:70rem;color:#222}table{border-collapse:collapse;margin:1rem 0}td,th{border:1px solid #ccc;padding:.3rem .6rem;text-align:right}th:first-child,td:first-child{text-align:left}.hidden{color:#888;font-style:italic}</style>
            </head><body><h1>{{HtmlEncode(title)}}</h1>
            <p><img src="{{HtmlEncode(token)}}/chart.png" alt="Trend of the mean answer to each question per pulse" width="900" height="420"></p>
            <p><a href="{{HtmlEncode(token)}}/report.csv">Download the table (CSV)</a></p>
            """);
        html.Append("<table><tr><th>Pulse</th><th>Cohort</th><th>Respondents</th><th>Participation</th>");
        foreach (var q in p.Questions)
        {
            html.Append(CultureInfo.InvariantCulture, $"<th title=\"{HtmlEncode(q.Text)}\">{HtmlEncode(q.Key)} (mean; 1–5 counts)</th>");
        }

        html.Append("</tr>");
        foreach (var week in p.Weeks)
        {
            if (week.IsOpen)
            {
                html.Append(CultureInfo.InvariantCulture, $"<tr><td>{week.Week:yyyy-MM-dd}</td><td>{HtmlEncode(p.Scope.Cohort ?? "all")}</td><td class=\"hidden\">open</td><td>{(week.ParticipationRate is { } open ? open.ToString("P0", CultureInfo.InvariantCulture) : "")}</td>");
                html.Append(CultureInfo.InvariantCulture, $"<td class=\"hidden\" colspan=\"{Math.Max(1, p.Questions.Count)}\">{HtmlEncode(ReportText.OpenLine(week))}</td></tr>");
                continue;
            }

            foreach (var cell in week.Breakdown.Prepend(week.Scope))
            {
                var cohort = cell.Cohort ?? p.Scope.Cohort ?? "all";
                var rate = cell == week.Scope && week.ParticipationRate is { } r ? r.ToString("P0", CultureInfo.InvariantCulture) : "";
                html.Append(CultureInfo.InvariantCulture, $"<tr><td>{week.Week:yyyy-MM-dd}</td><td>{HtmlEncode(cohort)}</td>");
                if (cell.IsHidden)
                {
                    html.Append(CultureInfo.InvariantCulture, $"<td class=\"hidden\">hidden</td><td>{rate}</td>");
                    html.Append(string.Concat(p.Questions.Select(_ => "<td class=\"hidden\">—</td>")));
                }
                else
                {
                    html.Append(CultureInfo.InvariantCulture, $"<td>{cell.Respondents}</td><td>{rate}</td>");
                    html.Append(string.Concat(cell.Questions.Select(q => $"<td>{q.Mean.ToString("0.0", CultureInfo.InvariantCulture)} <small>({string.Join(" ", q.Distribution)})</small></td>")));
                }

                html.Append("</tr>");
            }
        }

        html.Append("</table>");
        if (report.Mentoring is { } m)
        {
            html.Append(CultureInfo.InvariantCulture, $"<h2>Mentoring health</h2><p>{m.ActivePairings} active pairings; ");
            html.Append(m.MetShare is { } met ? met.ToString("P0", CultureInfo.InvariantCulture) + " met last week; " : "");
            html.Append(m.MeanRating is { } rating ? $"check-ins rated {rating.ToString("0.0", CultureInfo.InvariantCulture)} / 5." : "too few check-in ratings to show a mean.");
            html.Append("</p>");
        }

        if (report.Thanks is { } thanked)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p>{HtmlEncode(ReportText.ThanksLine(thanked, p.Threshold))}</p>");
        }

        foreach (var (week, comments) in report.Comments)
        {
            html.Append(CultureInfo.InvariantCulture, $"<h2>Comments, pulse of {week:d MMM yyyy}</h2><p><small>Shuffled, without cohort.</small></p><ul>");
            html.Append(string.Concat(comments.Select(c => $"<li>{HtmlEncode(c)}</li>")));
            html.Append("</ul>");
        }

        html.Append(CultureInfo.InvariantCulture, $"<p><small>Figures appear only once a pulse has closed. Cells with fewer than {p.Threshold} people are hidden, with one more wherever a hidden cell could be worked out by subtraction; comments show when {report.CommentsFrom} or more people answered. Individual answers are never stored.</small></p></body></html>");
        return html.ToString();
    }
}
