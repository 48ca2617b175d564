namespace PeerBot.Scheduler.Schedules;

/// <summary>IANA time zones by id, with a fallback for ids this machine does not know.</summary>
public static class TimeZones
{
    public static bool TryFind(string? id, out TimeZoneInfo zone)
    {
        zone = TimeZoneInfo.Utc;
        if (string.IsNullOrWhiteSpace(id))
        {
            return false;
        }

        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(id.Trim());
            return true;
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return false;
        }
    }

    /// <summary>The calendar date on the zone's wall clocks at an instant: "today" for a workspace.</summary>
    public static DateOnly LocalDate(TimeZoneInfo zone, DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);

    public static TimeZoneInfo FindOr(string? id, TimeZoneInfo fallback) => TryFind(id, out var zone) ? zone : fallback;

    /// <summary>The instant a local wall-clock time happens; a time skipped by a DST jump moves forward past the gap.</summary>
    public static DateTimeOffset ToInstant(DateTime local, TimeZoneInfo zone)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(30);
        }

        // Ambiguous (clocks went back): the first of the two moments.
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }
}
