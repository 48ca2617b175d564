using System.Globalization;
using System.Text;

namespace PeerBot.Bot.Tests.Scheduler.Meetings;

/// <summary>
/// A strict reader of one iCalendar file (RFC 5545), failing the test on what calendar clients choke on: bare LF or CR,
/// content lines over 75 octets, folds that split a UTF-8 character, unbalanced BEGIN/END, unescaped TEXT, a missing
/// required property, a DATE-TIME that is neither UTC nor tied to a VTIMEZONE.
/// </summary>
public sealed class ICalendarFile
{
    public sealed record Property(string Name, IReadOnlyDictionary<string, string> Parameters, string Value);

    public sealed record Component(string Name, List<Property> Properties, List<Component> Children)
    {
        public Property? Find(string name) => Properties.SingleOrDefault(p => p.Name == name);

        public Property Get(string name) => Find(name) ?? throw new Xunit.Sdk.XunitException($"{Name} has no {name}");
    }

    public required Component Calendar { get; init; }

    /// <summary>How many physical lines were folded continuations.</summary>
    public int Folds { get; init; }

    public Component Event => Assert.Single(Calendar.Children, c => c.Name == "VEVENT");

    public static ICalendarFile Parse(byte[] bytes)
    {
        var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        Assert.EndsWith("\r\n", text, StringComparison.Ordinal);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                Assert.True(i > 0 && text[i - 1] == '\r', $"bare LF at {i}");
            }
            else if (text[i] == '\r')
            {
                Assert.True(i + 1 < text.Length && text[i + 1] == '\n', $"bare CR at {i}");
            }
        }

        var physical = text[..^2].Split("\r\n");
        var logical = new List<string>();
        var folds = 0;
        foreach (var line in physical)
        {
            var octets = Encoding.UTF8.GetByteCount(line);
            Assert.True(octets <= 75, $"line of {octets} octets: {line}");
            // A fold inside a multi-octet character would leave invalid UTF-8 on one of the two lines.
            Assert.Equal(octets, new UTF8Encoding(false, true).GetBytes(line).Length);
            if (line.StartsWith(' ') || line.StartsWith('\t'))
            {
                Assert.NotEmpty(logical);
                logical[^1] += line[1..];
                folds++;
            }
            else
            {
                Assert.NotEqual("", line);
                logical.Add(line);
            }

        }

        var stack = new Stack<Component>();
        Component? root = null;
        foreach (var line in logical)
        {
            var property = ParseLine(line);
            if (property.Name == "BEGIN")
            {
                var component = new Component(property.Value, [], []);
                if (stack.Count == 0)
                {
                    Assert.Null(root);
                    root = component;
                }
                else
                {
                    stack.Peek().Children.Add(component);
                }

                stack.Push(component);
            }
            else if (property.Name == "END")
            {
                Assert.Equal(stack.Pop().Name, property.Value);
            }
            else
            {
                Assert.NotEmpty(stack);
                stack.Peek().Properties.Add(property);
            }
        }

        Assert.Empty(stack);
        Assert.NotNull(root);
        Assert.Equal("VCALENDAR", root.Name);
        Assert.Equal("2.0", root.Get("VERSION").Value);
        Assert.NotEmpty(root.Get("PRODID").Value);
        var file = new ICalendarFile { Calendar = root, Folds = folds };
        var e = file.Event;
        Assert.NotEmpty(e.Get("UID").Value);
        Assert.EndsWith("Z", e.Get("DTSTAMP").Value, StringComparison.Ordinal);
        foreach (var name in new[] { "SUMMARY", "DESCRIPTION", "LOCATION" })
        {
            if (e.Find(name) is { } p)
            {
                AssertEscaped(p.Value);
            }
        }

        Assert.True(file.Instant("DTEND") > file.Instant("DTSTART"), "DTEND must follow DTSTART");
        return file;
    }

    /// <summary>A DATE-TIME property as an instant: UTC ("…Z"), or local with TZID naming a VTIMEZONE in the file.</summary>
    public DateTimeOffset Instant(string name)
    {
        var p = Event.Get(name);
        if (p.Value.EndsWith('Z'))
        {
            return DateTimeOffset.ParseExact(p.Value, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        }

        var tzid = p.Parameters.GetValueOrDefault("TZID") ?? throw new Xunit.Sdk.XunitException($"{name} is floating (no Z, no TZID): {p.Value}");
        Assert.Contains(Calendar.Children, c => c.Name == "VTIMEZONE" && c.Find("TZID")?.Value == tzid);
        var local = DateTime.ParseExact(p.Value, "yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(tzid);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    /// <summary>A TEXT value as the reader sees it.</summary>
    public string Text(string name) => Unescape(Event.Get(name).Value);

    private static Property ParseLine(string line)
    {
        // name *(";" param) ":" value — a colon inside a quoted parameter value does not end the name part.
        var quoted = false;
        var colon = -1;
        for (var i = 0; i < line.Length && colon < 0; i++)
        {
            quoted ^= line[i] == '"';
            if (!quoted && line[i] == ':')
            {
                colon = i;
            }
        }

        Assert.True(colon > 0, $"no colon: {line}");
        var head = line[..colon].Split(';');
        Assert.Matches("^[A-Z0-9-]+$", head[0]);
        var parameters = head.Skip(1).Select(h => h.Split('=', 2)).ToDictionary(kv => kv[0], kv => kv[1].Trim('"'), StringComparer.Ordinal);
        return new Property(head[0], parameters, line[(colon + 1)..]);
    }

    private static void AssertEscaped(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '\\')
            {
                Assert.True(i + 1 < value.Length && "\\;,nN".Contains(value[i + 1], StringComparison.Ordinal), $"bad escape in {value}");
                i++;
            }
            else
            {
                Assert.False(value[i] is ';' or ',' or '\n' or '\r', $"unescaped '{value[i]}' in TEXT: {value}");
            }
        }
    }

    private static string Unescape(string value)
    {
        var text = new StringBuilder();
        for (var i = 0; i < value.Length; i++)
        {
            text.Append(value[i] == '\\' ? value[++i] switch { 'n' or 'N' => '\n', var c => c } : value[i]);
        }

        return text.ToString();
    }
}
