using System.Globalization;
using System.Text.RegularExpressions;
using Cronos;

namespace PeerBot.Scheduler.Schedules;

/// <summary>
/// What an admin types for a schedule: cron ("0 8 * * 1") or plain words ("every other monday 8:00",
/// "thursday at 3:30pm"). Becomes cron plus "every N weeks".
/// </summary>
public static partial class ScheduleText
{
    public sealed record Parsed(string Cron, int EveryWeeks);

    public static bool TryParse(string text, out Parsed parsed, out string error)
    {
        parsed = new Parsed("", 1);
        error = "";
        var t = text.Trim().ToLowerInvariant();
        if (t.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length == 5 && t.Any(char.IsDigit) && !t.Any(char.IsLetter) || t.Contains('*', StringComparison.Ordinal))
        {
            try
            {
                CronExpression.Parse(t);
                parsed = new Parsed(t, 1);
                return true;
            }
            catch (CronFormatException e)
            {
                error = $"\"{text}\" is not a cron expression I can read ({e.Message}).";
                return false;
            }
        }

        var m = Words().Match(t);
        if (!m.Success)
        {
            error = $"I couldn't read \"{text}\" as a schedule. Try `every other monday 8:00`, `thursday 15:30`, or cron like `0 8 * * 1`.";
            return false;
        }

        var hour = int.Parse(m.Groups["h"].Value, CultureInfo.InvariantCulture);
        var minute = m.Groups["m"].Success ? int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture) : 0;
        if (m.Groups["ampm"].Value == "pm" && hour < 12)
        {
            hour += 12;
        }
        else if (m.Groups["ampm"].Value == "am" && hour == 12)
        {
            hour = 0;
        }

        if (hour > 23 || minute > 59)
        {
            error = $"{m.Groups["h"].Value}:{m.Groups["m"].Value} is not a time of day.";
            return false;
        }

        var day = Array.FindIndex(Days, d => d.StartsWith(m.Groups["day"].Value, StringComparison.Ordinal));
        var every = m.Groups["other"].Success ? 2 : m.Groups["n"].Success ? int.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture) : 1;
        if (every is < 1 or > 8)
        {
            error = "Rounds can repeat every 1 to 8 weeks.";
            return false;
        }

        parsed = new Parsed($"{minute} {hour} * * {day}", every);
        return true;
    }

    /// <summary>Back to words for <c>admin show</c>: "every other Monday at 08:00".</summary>
    public static string Describe(string cron, int everyWeeks)
    {
        var f = cron.Split(' ');
        var plain = f.Length == 5 && f[2] == "*" && f[3] == "*" && int.TryParse(f[4], out var dow) && dow is >= 0 and <= 7
                    && int.TryParse(f[0], out var mm) && int.TryParse(f[1], out var hh);
        var when = plain
            ? $"{CultureInfo.InvariantCulture.TextInfo.ToTitleCase(Days[int.Parse(f[4], CultureInfo.InvariantCulture) % 7])}day at {int.Parse(f[1], CultureInfo.InvariantCulture):D2}:{int.Parse(f[0], CultureInfo.InvariantCulture):D2}"
            : $"`{cron}`";
        return everyWeeks switch { 1 => $"every {when}", 2 => $"every other {when}", _ => $"every {everyWeeks} weeks, {when}" };
    }

    private static readonly string[] Days = ["sun", "mon", "tues", "wednes", "thurs", "fri", "satur"];

    [GeneratedRegex(@"^(?:every\s+)?(?:(?<other>other|second)\s+|(?<n>\d)\s+weeks?\s+(?:on\s+)?)?(?<day>sun|mon|tue|wed|thu|fri|sat)[a-z]*\s+(?:at\s+)?(?<h>\d{1,2})(?::(?<m>\d{2}))?\s*(?<ampm>am|pm)?$")]
    private static partial Regex Words();
}
