using Cronos;

namespace PeerBot.Scheduler.Schedules;

/// <summary>
/// When a workspace's schedules next fire, in its own time zone (DST included): a cron occurrence in a
/// round week (every N weeks from the anchor Monday), not on a weekend-free rule but never inside a school break.
/// </summary>
public static class RoundCalendar
{
    /// <summary>The next occurrence after <paramref name="after"/>, or null within a year (e.g. a year-long break).</summary>
    public static DateTimeOffset? Next(string cron, int everyWeeks, DateOnly anchor, TimeZoneInfo zone, IReadOnlyList<SchoolBreak> breaks, DateTimeOffset after)
    {
        var expression = CronExpression.Parse(cron);
        var from = after;
        for (var i = 0; i < 800; i++)
        {
            if (expression.GetNextOccurrence(from, zone) is not { } next)
            {
                return null;
            }

            if (Fires(everyWeeks, anchor, breaks, TimeZones.LocalDate(zone, next)))
            {
                return next;
            }

            from = next;
        }

        return null;
    }

    /// <summary>Whether a schedule due on this local day runs: a round week, and not inside a break.</summary>
    public static bool Fires(int everyWeeks, DateOnly anchor, IReadOnlyList<SchoolBreak> breaks, DateOnly day) =>
        IsRoundWeek(everyWeeks, anchor, day) && !breaks.Any(b => b.Contains(day));

    public static bool IsRoundWeek(int everyWeeks, DateOnly anchor, DateOnly day)
    {
        var weeks = (MondayOf(day).DayNumber - MondayOf(anchor).DayNumber) / 7;
        return everyWeeks <= 1 || ((weeks % everyWeeks) + everyWeeks) % everyWeeks == 0;
    }

    private static DateOnly MondayOf(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
}
