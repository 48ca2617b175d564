using PeerBot.Matching.Scoring;

namespace PeerBot.Matching.Explanations;

/// <summary>The sentence's last clause: when the members can meet, each in their own time zone.</summary>
internal sealed partial class ExplanationWriter
{
    private static readonly string[] DayNames = [.. Enum.GetValues<DayOfWeek>().Select(d => d.ToString())];

    /// <param name="reader">The one member reading it alone, called "you" rather than by name; -1 for everyone.</param>
    private void AddMeeting(SentenceBuffer s, ReadOnlySpan<int> members, int reader)
    {
        // When all of them are free: each person's UTC intervals intersected in turn, in the buffer's two lists.
        ReadOnlySpan<WeekInterval> common = pool.Utc[members[0]];
        for (var i = 1; i < members.Length && common.Length > 0; i++)
        {
            var other = pool.Utc[members[i]];
            var into = s.Intervals(i & 1, common.Length + other.Length);
            common = into[..Intersect(common, other, into)];
        }

        var who = members.Length == 2 ? "you" : "you all";
        if (common.Length == 0)
        {
            if (SameOffset(members) && AnyoneWithoutTimes(members))
            {
                s.Clause();
                s.Append(members.Length == 2 ? "you are in the same time zone" : "you are all in the same time zone");
            }

            return;
        }

        // The longest shared interval (the first of the longest), in each member's own clock.
        var longest = common[0];
        foreach (var interval in common[1..])
        {
            if (interval.Length > longest.Length)
            {
                longest = interval;
            }
        }

        var first = pool.Calendar.ToLocal(longest.Start, pool.Zone[members[0]]);
        s.Clause();
        s.Append(who);
        s.Append(" overlap ");
        s.Append(DayNames[(int)first.Day]);
        if (SameLocalTime(members, longest.Start, first))
        {
            s.Append(" ");
            s.Append(Words.DayPart(first.Time));
            return;
        }

        // "at 3:30 pm for Ana and 4:30 pm for Ben", "at 7 am for Ana, 8 am for Ben and 9 am for Cy".
        s.Append(" at ");
        for (var i = 0; i < members.Length; i++)
        {
            if (i > 0)
            {
                s.Append(i == members.Length - 1 ? " and " : ", ");
            }

            WriteClock(s, pool.Calendar.ToLocal(longest.Start, pool.Zone[members[i]]).Time);
            s.Append(" for ");
            s.Append(members[i] == reader ? "you" : Words.FirstName(pool.People[members[i]].Name.AsSpan(), "one of you"));
        }
    }

    private bool SameOffset(ReadOnlySpan<int> members)
    {
        foreach (var m in members)
        {
            if (pool.OffsetMinutes[m] != pool.OffsetMinutes[members[0]])
            {
                return false;
            }
        }

        return true;
    }

    private bool AnyoneWithoutTimes(ReadOnlySpan<int> members)
    {
        foreach (var m in members)
        {
            if (pool.Utc[m].Length == 0)
            {
                return true;
            }
        }

        return false;
    }

    private bool SameLocalTime(ReadOnlySpan<int> members, int utcMinute, (DayOfWeek Day, TimeOnly Time) first)
    {
        for (var i = 1; i < members.Length; i++)
        {
            // Most pairs share a zone, and one zone gives one local time: converted only for another zone.
            if (!ReferenceEquals(pool.Zone[members[i]], pool.Zone[members[0]]) && pool.Calendar.ToLocal(utcMinute, pool.Zone[members[i]]) != first)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A clock as teachers write it: "3 pm", "3:30 pm", "12 am".</summary>
    private static void WriteClock(SentenceBuffer s, TimeOnly time)
    {
        var hour = time.Hour % 12;
        s.Append(hour == 0 ? 12 : hour);
        if (time.Minute != 0)
        {
            s.Append(":");
            s.AppendTwoDigits(time.Minute);
        }

        s.Append(time.Hour < 12 ? " am" : " pm");
    }

    /// <summary>Intersection of two sorted, merged interval lists, written into <paramref name="into"/>; returns its length.</summary>
    private static int Intersect(ReadOnlySpan<WeekInterval> a, ReadOnlySpan<WeekInterval> b, Span<WeekInterval> into)
    {
        int i = 0, j = 0, count = 0;
        while (i < a.Length && j < b.Length)
        {
            var start = Math.Max(a[i].Start, b[j].Start);
            var end = Math.Min(a[i].End, b[j].End);
            if (start < end)
            {
                into[count++] = new WeekInterval(start, end);
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

        return count;
    }
}
