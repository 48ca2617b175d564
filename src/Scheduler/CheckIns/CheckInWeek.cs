using PeerBot.Scheduler.Schedules;

namespace PeerBot.Scheduler.CheckIns;

/// <summary>Check-ins are per school week, named by its Monday in the workspace's time zone.</summary>
public static class CheckInWeek
{
    public static DateOnly Of(DateTimeOffset at, TimeZoneInfo zone)
    {
        var day = TimeZones.LocalDate(zone, at);
        return day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
    }
}
