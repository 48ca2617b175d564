using PeerBot.Matching.Profiles;

namespace PeerBot.Matching.Scoring;

/// <summary>
/// When a pair or pod shares no free time: the 20-minute meetings that come closest — someone is free for all of it,
/// and everyone else is free within <see cref="MaxShiftMinutes"/> of it — said on each reader's clock:
/// "No time you're all free — closest: Tue 3:00 pm (Ben is free from 3:30 pm)".
/// </summary>
public static class NearMisses
{
    /// <summary>A person free only further away than this is not "near".</summary>
    public const int MaxShiftMinutes = 90;

    public const int MaxSuggestions = 2;

    /// <summary>One sentence per zone, as <see cref="SharedTimes.DescribeByZone"/>; none when they do share a time or nothing comes close.</summary>
    public static IReadOnlyList<ZoneLine> DescribeByZone(IReadOnlyList<TeacherProfile> people, DateOnly week, string defaultTimeZone)
    {
        var misses = Find(people, week, defaultTimeZone);
        if (misses.Count == 0)
        {
            return [];
        }

        var zones = SharedTimes.ZonesOf(people, defaultTimeZone);
        var who = people.Count == 2 ? "both" : "all";
        return [.. zones.Select(zone =>
        {
            var own = $"No time you're {who} free — closest: {string.Join(", ", misses.Select(m => Say(m, zone)))}";
            return new ZoneLine(zone.Id, zones.Count == 1 ? own : $"{own} ({zone.Id})", own);
        })];
    }

    /// <summary>The closest meetings, best first: least total moving for those not free, then fewest people not free, then earliest.</summary>
    public static IReadOnlyList<NearMiss> Find(IReadOnlyList<TeacherProfile> people, DateOnly week, string defaultTimeZone)
    {
        if (people.Count < 2 || people.Any(p => p.Availability.Count == 0) || SharedTimes.Find(people, week, defaultTimeZone).Count > 0)
        {
            return [];
        }

        var calendar = new WeeklyCalendar(week, defaultTimeZone);
        var free = people.Select(p => calendar.ToUtc(p.Availability, calendar.Zone(p.TimeZone)).Where(i => i.Length >= SharedTimes.MeetingMinutes).ToArray()).ToList();
        var candidates = free.SelectMany(intervals => intervals.SelectMany(i => new[] { i.Start, i.End - SharedTimes.MeetingMinutes })).Distinct().Order();
        var ranked = new List<(int Start, int Cost, List<NearMissGap> Gaps)>();
        foreach (var start in candidates)
        {
            var gaps = new List<NearMissGap>();
            var cost = 0;
            for (var p = 0; p < people.Count && cost >= 0; p++)
            {
                var gap = Gap(free[p], start);
                if (gap is null)
                {
                    cost = -1;
                }
                else if (gap.Value.Shift > 0)
                {
                    cost += gap.Value.Shift;
                    var name = people[p].Name.Length > 0 ? people[p].Name : people[p].Id;
                    gaps.Add(gap.Value.From ? new NearMissGap(name, calendar.At(gap.Value.Edge), null) : new NearMissGap(name, null, calendar.At(gap.Value.Edge)));
                }
            }

            if (cost > 0)
            {
                ranked.Add((start, cost, gaps));
            }
        }

        var chosen = new List<(int Start, int Cost, List<NearMissGap> Gaps)>();
        foreach (var c in ranked.OrderBy(r => r.Cost).ThenBy(r => r.Gaps.Count).ThenBy(r => r.Start))
        {
            // Two ends of the same near miss are one suggestion: another one is a different part of the day or week.
            if (chosen.Count < MaxSuggestions && chosen.All(x => Math.Abs(x.Start - c.Start) >= 180))
            {
                chosen.Add(c);
            }
        }

        return [.. chosen.Select(c => new NearMiss(calendar.At(c.Start), calendar.At(c.Start + SharedTimes.MeetingMinutes), c.Gaps))];
    }

    /// <summary>How far one person's nearest free stretch is from the meeting at <paramref name="start"/> (0: free), and where it starts or ends; null: too far.</summary>
    private static (int Shift, bool From, int Edge)? Gap(WeekInterval[] intervals, int start)
    {
        var end = start + SharedTimes.MeetingMinutes;
        (int Shift, bool From, int Edge)? best = null;
        foreach (var i in intervals)
        {
            (int Shift, bool From, int Edge) gap = i.Start > start ? (i.Start - start, true, i.Start)
                : i.End < end ? (end - i.End, false, i.End)
                : (0, true, start);
            if (gap.Shift <= MaxShiftMinutes && (best is null || gap.Shift < best.Value.Shift))
            {
                best = gap;
            }
        }

        return best;
    }

    private static string Say(NearMiss miss, TimeZoneInfo zone)
    {
        var gaps = miss.Gaps.Select(g => g.FreeFrom is { } from
            ? $"{g.Name} is free from {SharedTimes.SayStart(from, zone)[4..]}"
            : $"{g.Name} is free until {SharedTimes.SayStart(g.FreeUntil!.Value, zone)[4..]}");
        return $"{SharedTimes.SayStart(miss.Start, zone)} ({string.Join("; ", gaps)})";
    }
}
