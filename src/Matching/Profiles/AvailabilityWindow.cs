using System.Globalization;
using System.Text.RegularExpressions;

namespace PeerBot.Matching.Profiles;

/// <summary>A weekly free slot in the teacher's own time zone, e.g. "tue 15:30-16:30".</summary>
public sealed partial record AvailabilityWindow(DayOfWeek Day, TimeOnly Start, TimeOnly End)
{
    private static readonly string[] DayNames = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

    public TimeSpan Length => End - Start;

    public override string ToString() =>
        $"{DayNames[(int)Day]} {Start.ToString("HH:mm", CultureInfo.InvariantCulture)}-{End.ToString("HH:mm", CultureInfo.InvariantCulture)}";

    /// <summary>Parses "tue 15:30-16:30" (day names in English, three letters or full, 24-hour times).</summary>
    public static bool TryParse(string text, out AvailabilityWindow? window)
    {
        window = null;
        var m = Pattern().Match(text.Trim());
        if (!m.Success)
        {
            return false;
        }

        var day = Array.FindIndex(DayNames, d => m.Groups["day"].Value.StartsWith(d, StringComparison.OrdinalIgnoreCase));
        if (day < 0
            || !TimeOnly.TryParseExact(m.Groups["start"].Value, ["H:mm", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var start)
            || !TimeOnly.TryParseExact(m.Groups["end"].Value, ["H:mm", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var end)
            || end <= start)
        {
            return false;
        }

        window = new AvailabilityWindow((DayOfWeek)day, start, end);
        return true;
    }

    [GeneratedRegex(@"^(?<day>[A-Za-z]{3,9})\s+(?<start>\d{1,2}:\d{2})\s*-\s*(?<end>\d{1,2}:\d{2})$")]
    private static partial Regex Pattern();
}
