using PeerBot.Matching.Pulse;
using ScottPlot;

namespace PeerBot.Bot.Reports;

/// <summary>The trend chart (PNG): the scope's mean per question per pulse; suppressed pulses leave a gap.</summary>
public static class ReportChart
{
    public static byte[] Render(CoachReport report, int width = 900, int height = 420)
    {
        var plot = new Plot();
        var weeks = report.Pulse.Weeks;
        var scopeName = report.Pulse.Scope.Cohort ?? "all cohorts";
        plot.Title($"Wellness pulse — {scopeName}, last {report.Pulse.Scope.Weeks} weeks");
        plot.Axes.SetLimitsY(1, 5);
        plot.YLabel("mean (1–5)");
        for (var q = 0; q < report.Pulse.Questions.Count; q++)
        {
            var key = report.Pulse.Questions[q].Key;
            var xs = new List<double>();
            var ys = new List<double>();
            foreach (var week in weeks)
            {
                if (week.Scope.Questions.FirstOrDefault(s => s.Key == key) is { } summary)
                {
                    xs.Add(week.Week.ToDateTime(TimeOnly.MinValue).ToOADate());
                    ys.Add(summary.Mean);
                }
            }

            if (xs.Count > 0)
            {
                var line = plot.Add.Scatter(xs.ToArray(), ys.ToArray());
                line.LegendText = key;
                line.MarkerSize = 6;
            }
        }

        plot.Axes.DateTimeTicksBottom();
        plot.ShowLegend(Alignment.UpperLeft);
        if (weeks.Count > 0)
        {
            var first = weeks[0].Week.ToDateTime(TimeOnly.MinValue).AddDays(-3).ToOADate();
            var last = weeks[^1].Week.ToDateTime(TimeOnly.MinValue).AddDays(3).ToOADate();
            plot.Axes.SetLimitsX(first, last);
        }

        return plot.GetImageBytes(width, height, ImageFormat.Png);
    }
}
