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
        if (TryParsePlain(text.AsSpan().Trim(), out window))
        {
            return true;
        }

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

    /// <summary>
    /// The common spelling ("tue 15:30-16:30", ASCII letters, digits and spaces) without the pattern; anything else
    /// (other white space, a bad time) is left to the pattern, which decides. Only ever says yes when it would.
    /// </summary>
    private static bool TryParsePlain(ReadOnlySpan<char> text, out AvailabilityWindow? window)
    {
        window = null;
        var letters = 0;
        while (letters < text.Length && char.IsAsciiLetter(text[letters]))
        {
            letters++;
        }

        if (letters is < 3 or > 9 || letters == text.Length || text[letters] != ' ')
        {
            return false;
        }

        var day = -1;
        for (var d = 0; d < DayNames.Length && day < 0; d++)
        {
            day = text[..letters].StartsWith(DayNames[d], StringComparison.OrdinalIgnoreCase) ? d : -1;
        }

        var rest = text[letters..].TrimStart(' ');
        if (day < 0 || !TryTime(ref rest, out var start))
        {
            return false;
        }

        rest = rest.TrimStart(' ');
        if (rest.IsEmpty || rest[0] != '-')
        {
            return false;
        }

        rest = rest[1..].TrimStart(' ');
        if (!TryTime(ref rest, out var end) || !rest.IsEmpty || end <= start)
        {
            return false;
        }

        window = new AvailabilityWindow((DayOfWeek)day, start, end);
        return true;
    }

    /// <summary>"H:mm" or "HH:mm" at the start of <paramref name="text"/>, hours 0–23.</summary>
    private static bool TryTime(ref ReadOnlySpan<char> text, out TimeOnly time)
    {
        time = default;
        var digits = 0;
        while (digits < text.Length && char.IsAsciiDigit(text[digits]))
        {
            digits++;
        }

        if (digits is < 1 or > 2 || text.Length < digits + 3 || text[digits] != ':'
            || !char.IsAsciiDigit(text[digits + 1]) || !char.IsAsciiDigit(text[digits + 2]))
        {
            return false;
        }

        var hour = digits == 1 ? text[0] - '0' : ((text[0] - '0') * 10) + (text[1] - '0');
        var minute = ((text[digits + 1] - '0') * 10) + (text[digits + 2] - '0');
        if (hour > 23 || minute > 59)
        {
            return false;
        }

        time = new TimeOnly(hour, minute);
        text = text[(digits + 3)..];
        return true;
    }

    [GeneratedRegex(@"^(?<day>[A-Za-z]{3,9})\s+(?<start>\d{1,2}:\d{2})\s*-\s*(?<end>\d{1,2}:\d{2})$")]
    private static partial Regex Pattern();
}
