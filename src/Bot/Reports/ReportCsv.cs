using System.Globalization;
using System.Text;
using PeerBot.Matching.Pulse;

namespace PeerBot.Bot.Reports;

/// <summary>The suppressed table as CSV: one line per pulse, scope cell or cohort, and question. Hidden cells say so and nothing else; an open pulse says "open" and its participation.</summary>
public static class ReportCsv
{
    public static byte[] Write(CoachReport report)
    {
        var csv = new StringBuilder("week,cohort,respondents,participation,question,mean,answered_1,answered_2,answered_3,answered_4,answered_5\n");
        foreach (var week in report.Pulse.Weeks)
        {
            var rate = week.ParticipationRate is { } r ? r.ToString("0.00", CultureInfo.InvariantCulture) : "";
            if (week.IsOpen)
            {
                // Participation only until it closes.
                csv.Append(CultureInfo.InvariantCulture, $"{week.Week:yyyy-MM-dd},{Quote(report.Pulse.Scope.Cohort ?? "all")},open,{rate},,,,,,,\n");
                continue;
            }

            foreach (var cell in week.Breakdown.Prepend(week.Scope))
            {
                var cohort = Quote(cell.Cohort ?? report.Pulse.Scope.Cohort ?? "all");
                if (cell.IsHidden)
                {
                    csv.Append(CultureInfo.InvariantCulture, $"{week.Week:yyyy-MM-dd},{cohort},suppressed,{rate},,,,,,,\n");
                    continue;
                }

                foreach (var q in cell.Questions)
                {
                    csv.Append(CultureInfo.InvariantCulture, $"{week.Week:yyyy-MM-dd},{cohort},{cell.Respondents},{rate},{Quote(q.Key)},{q.Mean:0.00},{string.Join(',', q.Distribution)}\n");
                }
            }
        }

        return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(csv.ToString());
    }

    private static string Quote(string s)
    {
        // A leading =, +, - or @ would run as a formula in a spreadsheet.
        var safe = s.Length > 0 && "=+-@".Contains(s[0], StringComparison.Ordinal) ? "'" + s : s;
        return safe.IndexOfAny([',', '"', '\n']) >= 0 ? $"\"{safe.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : safe;
    }
}
