using System.Globalization;
using System.Text;

namespace PeerBot.Scheduler.Meetings;

/// <summary>
/// A one-event iCalendar file (RFC 5545) that any calendar opens: times in UTC (no VTIMEZONE needed, every client shows
/// them on its own clock), text escaped, CRLF line endings, lines folded at 75 octets. No ORGANIZER or ATTENDEE: PeerBot
/// knows no one's e-mail address, and an invented one would send replies nowhere.
/// </summary>
public static class CalendarInvitation
{
    public const string MediaType = "text/calendar";

    /// <param name="Uid">Stable for the same proposal, so opening the file twice updates one event instead of adding two.</param>
    public sealed record Event(string Uid, DateTimeOffset Stamp, DateTimeOffset Start, DateTimeOffset End, string Summary, string Description)
    {
        public string? Location { get; init; }

        public Uri? Url { get; init; }
    }

    public static byte[] Write(Event e)
    {
        var lines = new List<string>
        {
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//PeerBot//Meeting proposal//EN",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            "BEGIN:VEVENT",
            $"UID:{Escape(e.Uid)}",
            $"DTSTAMP:{Utc(e.Stamp)}",
            $"DTSTART:{Utc(e.Start)}",
            $"DTEND:{Utc(e.End)}",
            $"SUMMARY:{Escape(e.Summary)}",
            $"DESCRIPTION:{Escape(e.Description)}",
        };
        if (e.Location is { Length: > 0 } location)
        {
            lines.Add($"LOCATION:{Escape(location)}");
        }

        if (e.Url is { } url)
        {
            lines.Add($"URL:{url.AbsoluteUri}");
        }

        lines.AddRange(["TRANSP:OPAQUE", "END:VEVENT", "END:VCALENDAR"]);
        var text = new StringBuilder();
        foreach (var line in lines)
        {
            Fold(text, line);
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>A UTC DATE-TIME ("20261208T213000Z"), to the second.</summary>
    public static string Utc(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    /// <summary>TEXT values: backslash, semicolon and comma escaped, line breaks as \n (RFC 5545 §3.3.11).</summary>
    public static string Escape(string value) => value
        .Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace(";", "\\;", StringComparison.Ordinal)
        .Replace(",", "\\,", StringComparison.Ordinal)
        .Replace("\r\n", "\\n", StringComparison.Ordinal)
        .Replace("\n", "\\n", StringComparison.Ordinal)
        .Replace("\r", "\\n", StringComparison.Ordinal);

    /// <summary>Content lines of at most 75 octets, continued on lines starting with one space, never splitting a UTF-8 character (§3.1).</summary>
    private static void Fold(StringBuilder text, string line)
    {
        const int limit = 75;
        var octets = 0;
        foreach (var rune in line.EnumerateRunes())
        {
            var size = rune.Utf8SequenceLength;
            if (octets + size > limit)
            {
                text.Append("\r\n ");
                octets = 1;
            }

            text.Append(rune.ToString());
            octets += size;
        }

        text.Append("\r\n");
    }
}
