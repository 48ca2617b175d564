using System.Globalization;
using System.Text.RegularExpressions;
using PeerBot.Matching.Profiles;

namespace PeerBot.Matching.Find;

/// <summary>
/// A "find" topic taken apart: grade numbers (K = 0), subject and focus words (with the usual synonyms, so
/// "algebra" finds math teachers and "behavior" finds classroom management), and the free words left over.
/// </summary>
internal sealed partial class TopicQuery
{
    private static readonly Dictionary<string, string> Synonyms = new(StringComparer.OrdinalIgnoreCase)
    {
        ["maths"] = "math", ["mathematics"] = "math", ["algebra"] = "math", ["geometry"] = "math", ["calculus"] = "math",
        ["english"] = "ela", ["writing"] = "ela", ["literature"] = "ela",
        ["biology"] = "science", ["chemistry"] = "science", ["physics"] = "science",
        ["history"] = "social-studies", ["civics"] = "social-studies", ["geography"] = "social-studies",
        ["coding"] = "computer-science", ["programming"] = "computer-science",
        ["behavior"] = "classroom-management", ["behaviour"] = "classroom-management", ["discipline"] = "classroom-management",
        ["esl"] = "ell", ["pbl"] = "project-based-learning", ["projects"] = "project-based-learning",
        ["tech"] = "tech-integration", ["technology"] = "tech-integration", ["burnout"] = "work-life-balance",
        ["parents"] = "family-engagement", ["families"] = "family-engagement", ["iep"] = "special-education",
    };

    private static readonly HashSet<string> StopWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "a", "an", "the", "and", "or", "of", "for", "in", "on", "with", "to", "who", "someone", "teacher", "teachers",
        "teach", "teaches", "teaching", "help", "grade", "grades", "school", "me", "my", "i", "about", "peer", "peers",
    };

    public TopicQuery(string topic)
    {
        var text = Normalise(topic);
        foreach (var (pattern, from, to) in new[] { ("middle school", 6, 8), ("high school", 9, 12), ("elementary", 0, 5), ("primary", 0, 2) })
        {
            if (text.Contains(pattern, StringComparison.Ordinal))
            {
                AddGrades(from, to);
                text = text.Replace(pattern, " ", StringComparison.Ordinal);
            }
        }

        // Before kindergarten: pre-K is −2 and TK −1, as GradeBand.Span counts them.
        foreach (var (pattern, grade) in new[] { (PreKindergarten(), -2), (TransitionalKindergarten(), -1) })
        {
            if (pattern.IsMatch(text))
            {
                AddGrades(grade, grade);
                text = pattern.Replace(text, " ");
            }
        }

        foreach (Match m in GradePattern().Matches(text))
        {
            var from = Grade(m.Groups["from"].Value);
            var to = m.Groups["to"].Success ? Grade(m.Groups["to"].Value) : from;
            AddGrades(from, Math.Max(from, to));
        }

        text = GradePattern().Replace(text, " ");
        Text = text.Trim();
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!StopWords.Contains(word))
            {
                Words.Add(Synonyms.GetValueOrDefault(word, word));
            }
        }
    }

    /// <summary>Grade numbers asked for; kindergarten is 0.</summary>
    public HashSet<int> Grades { get; } = [];

    /// <summary>Meaningful words, synonyms resolved to profile tokens.</summary>
    public List<string> Words { get; } = [];

    /// <summary>The query without grade phrases, normalised, for matching multi-word tokens ("classroom management").</summary>
    public string Text { get; }

    public bool IsEmpty => Grades.Count == 0 && Words.Count == 0;

    /// <summary>What the query asks, order aside: two topics with one signature find the same people ("Math" and "maths").</summary>
    public string Signature =>
        string.Join(',', Grades.Order()) + "|" + string.Join(',', Words.Select(w => w.ToLowerInvariant()).Order(StringComparer.Ordinal));

    /// <summary>True when a profile token ("classroom-management", "math") is asked for.</summary>
    public bool Asks(string token)
    {
        var phrase = token.Replace('-', ' ');
        return Words.Contains(token, StringComparer.OrdinalIgnoreCase)
            || (phrase.Contains(' ', StringComparison.Ordinal) && $" {Text} ".Contains($" {phrase} ", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Grade numbers a grade token covers: "6-8" is 6, 7, 8; "k-2" is 0, 1, 2; "7" is 7.</summary>
    public static (int From, int To)? GradeSpan(string token) =>
        GradeBand.TryNormalise(token, out var band) ? GradeBand.Span(band) : null;

    private void AddGrades(int from, int to)
    {
        for (var g = from; g <= to; g++)
        {
            Grades.Add(g);
        }
    }

    private static int Grade(string text)
    {
        var digits = new string([.. text.Where(char.IsDigit)]);
        return digits.Length == 0 ? 0 : Math.Min(12, int.Parse(digits, CultureInfo.InvariantCulture));
    }

    private static string Normalise(string topic)
    {
        var chars = topic.ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) || c == '-' ? c : ' ').ToArray();
        return " " + string.Join(' ', new string(chars).Split(' ', StringSplitOptions.RemoveEmptyEntries)) + " ";
    }

    [GeneratedRegex(@"(?<![a-z0-9])(?:grades?\s+)?(?<from>k|kindergarten|\d{1,2}(?:st|nd|rd|th)?)(?:\s*-\s*(?<to>k|\d{1,2}(?:st|nd|rd|th)?))?(?:[\s-]+grade(?:rs)?)?(?![a-z0-9])")]
    private static partial Regex GradePattern();

    [GeneratedRegex(@"(?<![a-z0-9])(?:pre-?k(?:indergarten)?|pk)(?![a-z0-9])")]
    private static partial Regex PreKindergarten();

    [GeneratedRegex(@"(?<![a-z0-9])(?:tk|transitional k(?:indergarten)?)(?![a-z0-9])")]
    private static partial Regex TransitionalKindergarten();
}
