namespace PeerBot.Scheduler.Schedules;

/// <summary>
/// When a scheduled message may reach a teacher: a school day (no weekend, no break) between
/// <see cref="From"/> and <see cref="Until"/> in their own time zone. Outside it, a message waits — never dropped.
/// </summary>
public sealed record SendingWindow(TimeOnly From, TimeOnly Until, IReadOnlyList<SchoolBreak> Breaks)
{
    public static readonly SendingWindow Default = new(new TimeOnly(15, 0), new TimeOnly(19, 0), []);

    public bool IsSchoolDay(DateOnly day) =>
        day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !Breaks.Any(b => b.Contains(day));

    /// <summary>The first allowed moment at or after <paramref name="now"/> for someone in <paramref name="zone"/>.</summary>
    public DateTimeOffset NextAllowed(DateTimeOffset now, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var today = DateOnly.FromDateTime(local.DateTime);
        for (var d = 0; d < 400; d++)
        {
            var day = today.AddDays(d);
            if (!IsSchoolDay(day))
            {
                continue;
            }

            var start = TimeZones.ToInstant(day.ToDateTime(From), zone);
            var end = TimeZones.ToInstant(day.ToDateTime(Until), zone);
            var candidate = start > now ? start : now;
            if (candidate < end)
            {
                return candidate;
            }
        }

        // No school day in a year means the calendar is misconfigured: deliver rather than hold for ever.
        return now;
    }

    /// <summary>The first moment allowed for every recipient (a pair in two time zones), or the first one's when their windows never meet.</summary>
    public DateTimeOffset NextAllowedForAll(DateTimeOffset now, IReadOnlyList<TimeZoneInfo> zones)
    {
        if (zones.Count == 0)
        {
            return NextAllowed(now, TimeZoneInfo.Utc);
        }

        var t = now;
        for (var i = 0; i < 30; i++)
        {
            var next = zones.Select(z => NextAllowed(t, z)).Max();
            if (next == t)
            {
                return t;
            }

            t = next;
        }

        return NextAllowed(now, zones[0]);
    }
}
