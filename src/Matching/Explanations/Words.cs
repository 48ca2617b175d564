using System.Globalization;

namespace PeerBot.Matching.Explanations;

/// <summary>Profile tokens as words a teacher would say: "6-8" is "6th–8th-grade", "sel" is "SEL".</summary>
internal static class Words
{
    private static readonly HashSet<string> Acronyms = new(StringComparer.OrdinalIgnoreCase)
    {
        "ela", "ell", "esl", "sel", "pe", "cs", "stem", "steam", "ap", "ib", "sped", "cte", "udl", "mtss", "rti", "iep", "ipad", "asl",
    };

    /// <summary>Words written with a capital, as languages are.</summary>
    private static readonly HashSet<string> Proper = new(StringComparer.OrdinalIgnoreCase)
    {
        "english", "spanish", "french", "german", "italian", "portuguese", "latin", "greek", "chinese", "mandarin", "japanese",
        "korean", "arabic", "russian", "hebrew", "vietnamese", "hindi",
    };

    private static readonly Dictionary<string, string> Phrases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["pbl"] = "project-based learning",
        ["work-life-balance"] = "work-life balance",
        ["project-based-learning"] = "project-based learning",
        ["first-year-survival"] = "first-year survival",
        ["social-emotional-learning"] = "social-emotional learning",
    };

    /// <summary>A subject or focus token as words.</summary>
    public static string Topic(string token)
    {
        if (Phrases.TryGetValue(token, out var phrase))
        {
            return phrase;
        }

        var parts = token.Split('-', StringSplitOptions.RemoveEmptyEntries);
        return string.Join(' ', parts.Select(p => Acronyms.Contains(p) ? p.ToUpperInvariant() : Proper.Contains(p) ? char.ToUpperInvariant(p[0]) + p[1..] : p));
    }

    /// <summary>A grade token as the adjective before a subject: "7th-grade", "6th–8th-grade", "K–2", "pre-K–2", "kindergarten".</summary>
    public static string GradeAdjective(string token)
    {
        var (from, to) = GradeRange(token);
        return from is null ? token
            : to is null ? (IsEarly(from) ? from : $"{from}-grade")
            : IsEarly(from) ? $"{Early(from)}–{Bare(token.Split('-')[1])}"
            : $"{from}–{to}-grade";
    }

    /// <summary>A grade token on its own: "7th grade", "grades 6–8", "grades pre-K–2", "kindergarten".</summary>
    public static string GradeNoun(string token)
    {
        var (from, to) = GradeRange(token);
        if (from is null)
        {
            return token;
        }

        return to is null ? (IsEarly(from) ? from : $"{from} grade") : $"grades {Bare(token.Split('-')[0])}–{Bare(token.Split('-')[1])}";
    }

    // Before 1st grade, a band is named, not numbered: "kindergarten", "pre-K", "TK".
    private static bool IsEarly(string ordinal) => ordinal is "kindergarten" or "pre-K" or "TK";

    private static string Early(string ordinal) => ordinal == "kindergarten" ? "K" : ordinal;

    private static string Bare(string part) => part.ToLowerInvariant() switch
    {
        "k" => "K",
        "pk" => "pre-K",
        "tk" => "TK",
        _ => part,
    };

    public static string JoinAnd(IReadOnlyList<string> items) => items.Count switch
    {
        0 => "",
        1 => items[0],
        2 => $"{items[0]} and {items[1]}",
        _ => $"{string.Join(", ", items.Take(items.Count - 1))} and {items[^1]}",
    };

    public static string Number(int n) => n switch
    {
        2 => "two",
        3 => "three",
        4 => "four",
        5 => "five",
        _ => n.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>A name's first word between spaces, or the fallback for a blank name.</summary>
    public static ReadOnlySpan<char> FirstName(ReadOnlySpan<char> name, string fallback)
    {
        name = name.TrimStart(' ');
        var end = name.IndexOf(' ');
        return name.IsEmpty ? fallback : end < 0 ? name : name[..end];
    }

    /// <summary>Teacher's words for a time of day: "before school", "after school".</summary>
    public static string DayPart(TimeOnly time) => time.Hour switch
    {
        < 8 => "before school",
        < 11 => "in the morning",
        < 13 => "at lunch",
        < 15 => "in the afternoon",
        < 18 => "after school",
        _ => "in the evening",
    };

    public static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static (string? From, string? To) GradeRange(string token)
    {
        var parts = token.Split('-');
        if (parts.Length == 1)
        {
            return (Ordinal(parts[0]), null);
        }

        if (parts.Length == 2 && Ordinal(parts[0]) is { } from && Ordinal(parts[1]) is { } to)
        {
            return (from, to);
        }

        return (null, null);
    }

    private static string? Ordinal(string part)
    {
        if (part.Equals("k", StringComparison.OrdinalIgnoreCase) || part.Equals("kindergarten", StringComparison.OrdinalIgnoreCase))
        {
            return "kindergarten";
        }

        if (part.Equals("pk", StringComparison.OrdinalIgnoreCase) || part.Equals("tk", StringComparison.OrdinalIgnoreCase))
        {
            return part.Equals("pk", StringComparison.OrdinalIgnoreCase) ? "pre-K" : "TK";
        }

        var digits = part.EndsWith("th", StringComparison.OrdinalIgnoreCase) || part.EndsWith("st", StringComparison.OrdinalIgnoreCase)
            || part.EndsWith("nd", StringComparison.OrdinalIgnoreCase) || part.EndsWith("rd", StringComparison.OrdinalIgnoreCase)
            ? part[..^2]
            : part;
        if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n is < 1 or > 12)
        {
            return null;
        }

        var suffix = (n % 100) is 11 or 12 or 13 ? "th" : (n % 10) switch { 1 => "st", 2 => "nd", 3 => "rd", _ => "th" };
        return $"{n}{suffix}";
    }
}
