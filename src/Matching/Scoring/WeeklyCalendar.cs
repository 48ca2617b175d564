using PeerBot.Matching.Profiles;

namespace PeerBot.Matching.Scoring;

/// <summary>
/// Puts everyone's weekly availability on one UTC week so overlaps across time zones are plain interval
/// intersections. The week is the one containing the round's reference date, so daylight-saving offsets are
/// the ones in force when the pairs will meet.
/// </summary>
internal sealed class WeeklyCalendar
{
    public const int MinutesPerWeek = 7 * 24 * 60;

    private readonly DateTime _mondayUtc;
    private readonly DateOnly _monday;
    private readonly Dictionary<string, TimeZoneInfo> _zones = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<(TimeZoneInfo Zone, AvailabilityWindow Window), WeekInterval[]> _converted = [];
    private readonly Dictionary<TimeZoneInfo, int> _offsets = [];

    public WeeklyCalendar(DateOnly referenceDate, string defaultTimeZone)
    {
        _monday = referenceDate.AddDays(-(((int)referenceDate.DayOfWeek + 6) % 7));
        _mondayUtc = _monday.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        DefaultZone = Find(defaultTimeZone) ?? TimeZoneInfo.Utc;
    }

    public TimeZoneInfo DefaultZone { get; }

    /// <summary>The zone for an IANA id; the workspace default for a missing or unknown one.</summary>
    public TimeZoneInfo Zone(string? id) => string.IsNullOrWhiteSpace(id) ? DefaultZone : Find(id) ?? DefaultZone;

    /// <summary>UTC offset in minutes at noon on the reference Monday.</summary>
    public int OffsetMinutes(TimeZoneInfo zone)
    {
        if (!_offsets.TryGetValue(zone, out var minutes))
        {
            minutes = (int)zone.GetUtcOffset(_mondayUtc.AddHours(12)).TotalMinutes;
            _offsets[zone] = minutes;
        }

        return minutes;
    }

    /// <summary>The windows as sorted, merged UTC intervals.</summary>
    public WeekInterval[] ToUtc(IReadOnlyList<AvailabilityWindow> windows, TimeZoneInfo zone) => ToUtc(windows, zone, _converted);

    /// <summary>
    /// The same, remembering converted windows in <paramref name="converted"/>: one map per thread lets several
    /// threads convert at once (the conversion depends only on the window, the zone and the week).
    /// </summary>
    public WeekInterval[] ToUtc(
        IReadOnlyList<AvailabilityWindow> windows, TimeZoneInfo zone, Dictionary<(TimeZoneInfo Zone, AvailabilityWindow Window), WeekInterval[]> converted)
    {
        if (windows.Count == 0)
        {
            return [];
        }

        var parts = new List<WeekInterval>(windows.Count + 1);
        for (var w = 0; w < windows.Count; w++)
        {
            var window = windows[w];
            if (!converted.TryGetValue((zone, window), out var intervals))
            {
                intervals = Convert(window, zone);
                converted[(zone, window)] = intervals;
            }

            parts.AddRange(intervals);
        }

        return Merge(parts);
    }

    /// <summary>The instant of a UTC minute of the week.</summary>
    public DateTimeOffset At(int utcMinute) => new(_mondayUtc.AddMinutes(utcMinute), TimeSpan.Zero);

    /// <summary>The local day and time of a UTC minute of the week, in <paramref name="zone"/>.</summary>
    public (DayOfWeek Day, TimeOnly Time) ToLocal(int utcMinute, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(_mondayUtc.AddMinutes(utcMinute), zone);
        return (local.DayOfWeek, TimeOnly.FromDateTime(local));
    }

    /// <summary>Intersection of two sorted, merged interval lists.</summary>
    public static WeekInterval[] Intersect(ReadOnlySpan<WeekInterval> a, ReadOnlySpan<WeekInterval> b)
    {
        var result = new List<WeekInterval>();
        int i = 0, j = 0;
        while (i < a.Length && j < b.Length)
        {
            var start = Math.Max(a[i].Start, b[j].Start);
            var end = Math.Min(a[i].End, b[j].End);
            if (start < end)
            {
                result.Add(new WeekInterval(start, end));
            }

            if (a[i].End < b[j].End)
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return [.. result];
    }

    private WeekInterval[] Convert(AvailabilityWindow window, TimeZoneInfo zone)
    {
        var local = _monday.AddDays(((int)window.Day + 6) % 7).ToDateTime(window.Start);
        if (zone.IsInvalidTime(local))
        {
            // A window starting in the spring-forward gap starts when the clocks resume.
            local = local.AddHours(1);
        }

        var start = (int)Math.Floor((TimeZoneInfo.ConvertTimeToUtc(local, zone) - _mondayUtc).TotalMinutes);
        start = ((start % MinutesPerWeek) + MinutesPerWeek) % MinutesPerWeek;
        var end = start + (int)window.Length.TotalMinutes;
        return end <= MinutesPerWeek
            ? [new WeekInterval(start, end)]
            : [new WeekInterval(0, end - MinutesPerWeek), new WeekInterval(start, MinutesPerWeek)];
    }

    private static WeekInterval[] Merge(List<WeekInterval> parts)
    {
        parts.Sort((x, y) => x.Start.CompareTo(y.Start));
        var merged = new List<WeekInterval>(parts.Count);
        foreach (var part in parts)
        {
            if (merged.Count > 0 && part.Start <= merged[^1].End)
            {
                merged[^1] = merged[^1] with { End = Math.Max(merged[^1].End, part.End) };
            }
            else
            {
                merged.Add(part);
            }
        }

        return [.. merged];
    }

    private TimeZoneInfo? Find(string id)
    {
        if (_zones.TryGetValue(id, out var zone))
        {
            return zone;
        }

        zone = TimeZoneInfo.TryFindSystemTimeZoneById(id.Trim(), out var found) ? found : null;
        if (zone is not null)
        {
            _zones[id] = zone;
        }

        return zone;
    }
}
