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

    /// <summary>
    /// One sentence per time zone in the group (in the order members come), or none when nobody gave availability or no
    /// shared slot is long enough. <paramref name="week"/> is a day of the week they will meet (daylight saving in force then).
    /// </summary>
    public static IReadOnlyList<string> Describe(IReadOnlyList<TeacherProfile> people, DateOnly week, string defaultTimeZone, int maxSlots = 3)
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

        var slots = shared.Where(s => s.End - s.Start >= MinimumMinutes).Take(maxSlots).ToList();
        if (slots.Count == 0)
        {
            return [];
        }

        var zones = people.Select(p => calendar.Zone(p.TimeZone)).Distinct().ToList();
        var who = people.Count == 2 ? "both" : "all";
        return [.. zones.Select(zone =>
        {
            var times = string.Join(", ", slots.Select(s => Slot(calendar, s, zone)));
            return zones.Count == 1 ? $"You're {who} free {times}" : $"You're {who} free {times} ({zone.Id})";
        })];
    }

    private static string Slot(WeeklyCalendar calendar, WeekInterval slot, TimeZoneInfo zone)
    {
        var (day, start) = calendar.ToLocal(slot.Start, zone);
        var (_, end) = calendar.ToLocal(slot.End, zone);
        var dayName = CultureInfo.InvariantCulture.DateTimeFormat.GetAbbreviatedDayName(day);
        var sameHalf = start.Hour < 12 == end.Hour < 12;
        return $"{dayName} {Clock(start, withHalf: !sameHalf)}–{Clock(end, withHalf: true)}";
    }

    private static string Clock(TimeOnly t, bool withHalf)
    {
        var hour = t.Hour % 12 == 0 ? 12 : t.Hour % 12;
        var text = string.Create(CultureInfo.InvariantCulture, $"{hour}:{t.Minute:D2}");
        return withHalf ? $"{text} {(t.Hour < 12 ? "am" : "pm")}" : text;
    }
}
