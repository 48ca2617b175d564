using System.Globalization;
using PeerBot.Matching.Profiles;

namespace PeerBot.Matching.Scoring;

/// <summary>
/// The weekly times everyone in a pair or pod is free (from their availability windows, across time zones), said the
/// way each reader reads a clock: "You're both free Tue 3:30–4:15 pm", with the zone named when the group spans several.
/// </summary>
public static class SharedTimes
{
    /// <summary>Shorter overlaps are not worth proposing.</summary>
    public const int MinimumMinutes = 15;

    /// <summary>The meeting an introduction suggests.</summary>
    public const int MeetingMinutes = 20;

    /// <summary>
    /// The slots of the week of <paramref name="week"/> (daylight saving in force then) when everyone is free, earliest
    /// first; none when someone gave no availability or no shared slot is long enough.
    /// </summary>
    public static IReadOnlyList<SharedSlot> Find(IReadOnlyList<TeacherProfile> people, DateOnly week, string defaultTimeZone, int maxSlots = 3)
    {
        if (people.Count < 2 || people.Any(p => p.Availability.Count == 0))
        {
            return [];
        }

        var calendar = new WeeklyCalendar(week, defaultTimeZone);
        var shared = calendar.ToUtc(people[0].Availability, calendar.Zone(people[0].TimeZone));
        foreach (var p in people.Skip(1))
        {
            shared = WeeklyCalendar.Intersect(shared, calendar.ToUtc(p.Availability, calendar.Zone(p.TimeZone)));
        }

        return [.. shared.Where(s => s.End - s.Start >= MinimumMinutes).Take(maxSlots).Select(s => new SharedSlot(calendar.At(s.Start), calendar.At(s.End)))];
    }

    /// <summary>
    /// One sentence per time zone in the group (in the order members come), or none when nobody gave availability or no
    /// shared slot is long enough. <paramref name="week"/> is a day of the week they will meet (daylight saving in force then).
    /// </summary>
    public static IReadOnlyList<string> Describe(IReadOnlyList<TeacherProfile> people, DateOnly week, string defaultTimeZone, int maxSlots = 3) =>
        [.. DescribeByZone(people, week, defaultTimeZone, maxSlots).Select(l => l.InGroup)];

    /// <summary>The same sentences, each with its zone, and as a reader alone in that zone reads it (no zone named).</summary>
    public static IReadOnlyList<ZoneLine> DescribeByZone(IReadOnlyList<TeacherProfile> people, DateOnly week, string defaultTimeZone, int maxSlots = 3)
    {
        var slots = Find(people, week, defaultTimeZone, maxSlots);
        if (slots.Count == 0)
        {
            return [];
        }

        var zones = ZonesOf(people, defaultTimeZone);
        var who = people.Count == 2 ? "both" : "all";
        return [.. zones.Select(zone =>
        {
            var own = $"You're {who} free {string.Join(", ", slots.Select(s => Say(s.Start, s.End, zone)))}";
            return new ZoneLine(zone.Id, zones.Count == 1 ? own : $"{own} ({zone.Id})", own);
        })];
    }

    /// <summary>The distinct zones of the group, in the order members come (unknown or missing: the default).</summary>
    public static IReadOnlyList<TimeZoneInfo> ZonesOf(IReadOnlyList<TeacherProfile> people, string defaultTimeZone) =>
        [.. people.Select(p => Zone(p.TimeZone, defaultTimeZone)).Distinct()];

    /// <summary>The zone for an IANA id; <paramref name="defaultTimeZone"/> (else UTC) for a missing or unknown one.</summary>
    public static TimeZoneInfo Zone(string? id, string defaultTimeZone) =>
        !string.IsNullOrWhiteSpace(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id.Trim(), out var zone) ? zone
        : TimeZoneInfo.TryFindSystemTimeZoneById(defaultTimeZone, out var fallback) ? fallback : TimeZoneInfo.Utc;

    /// <summary>"Tue 3:30–4:15 pm" on <paramref name="zone"/>'s clock.</summary>
    public static string Say(DateTimeOffset start, DateTimeOffset end, TimeZoneInfo zone)
    {
        var (from, to) = (TimeZoneInfo.ConvertTime(start, zone), TimeZoneInfo.ConvertTime(end, zone));
        var sameHalf = from.Hour < 12 == to.Hour < 12;
        return $"{Day(from)} {Clock(TimeOnly.FromDateTime(from.DateTime), withHalf: !sameHalf)}–{Clock(TimeOnly.FromDateTime(to.DateTime), withHalf: true)}";
    }

    /// <summary>"Tue 8 Dec, 3:30–3:50 pm" on <paramref name="zone"/>'s clock: a dated meeting.</summary>
    public static string SayDated(DateTimeOffset start, DateTimeOffset end, TimeZoneInfo zone)
    {
        var from = TimeZoneInfo.ConvertTime(start, zone);
        var date = from.ToString("d MMM", CultureInfo.InvariantCulture);
        var clock = Say(start, end, zone);
        return $"{clock[..3]} {date},{clock[3..]}";
    }

    /// <summary>"Tue 3:30 pm" (or "Tue 3:30" when <paramref name="withHalf"/> is false) on <paramref name="zone"/>'s clock.</summary>
    public static string SayStart(DateTimeOffset start, TimeZoneInfo zone, bool withHalf = true)
    {
        var local = TimeZoneInfo.ConvertTime(start, zone);
        return $"{Day(local)} {Clock(TimeOnly.FromDateTime(local.DateTime), withHalf)}";
    }

    /// <summary>
    /// The next time the slot starting at <paramref name="slotStart"/> comes round on <paramref name="zone"/>'s clock (same
    /// weekday and wall time): later this week, or next week when it has passed — the UTC instant follows daylight saving.
    /// </summary>
    public static DateTimeOffset NextOccurrence(DateTimeOffset slotStart, TimeZoneInfo zone, DateTimeOffset now)
    {
        var wall = TimeZoneInfo.ConvertTime(slotStart, zone);
        var time = TimeOnly.FromDateTime(wall.DateTime);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        var date = today.AddDays(((int)wall.DayOfWeek - (int)today.DayOfWeek + 7) % 7);
        for (var i = 0; ; i++, date = date.AddDays(7))
        {
            var local = date.ToDateTime(time);
            if (zone.IsInvalidTime(local))
            {
                // In the spring-forward gap: when the clocks resume.
                local = local.AddHours(1);
            }

            // Clocks going back: the first of the two moments.
            var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
            var at = new DateTimeOffset(local, offset);
            if (at > now || i > 1)
            {
                return at.ToUniversalTime();
            }
        }
    }

    internal static string Day(DateTimeOffset local) => CultureInfo.InvariantCulture.DateTimeFormat.GetAbbreviatedDayName(local.DayOfWeek);

    internal static string Clock(TimeOnly t, bool withHalf)
    {
        var hour = t.Hour % 12 == 0 ? 12 : t.Hour % 12;
        var text = string.Create(CultureInfo.InvariantCulture, $"{hour}:{t.Minute:D2}");
        return withHalf ? $"{text} {(t.Hour < 12 ? "am" : "pm")}" : text;
    }
}
