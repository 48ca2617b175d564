using System.Text;

namespace PeerBot.Matching.Pulse;

/// <summary>The question set: the defaults, and the rules for an admin's own (3–5 short questions on a 1–5 scale).</summary>
public static class PulseQuestions
{
    public const int Fewest = 3, Most = 5, LongestText = 150;

    public static IReadOnlyList<PulseQuestion> Defaults { get; } =
    [
        new("stress", "How stressed have you felt this week? (1 = calm, 5 = very stressed)", true),
        new("support", "How supported do you feel by colleagues? (1 = not at all, 5 = very)", false),
        new("workload", "Is your workload sustainable? (1 = not at all, 5 = completely)", false),
    ];

    /// <summary>Parses "q1 | q2 | q3"; returns null with a reason when the set breaks the rules.</summary>
    public static IReadOnlyList<PulseQuestion>? TryParse(string text, out string error)
    {
        var parts = text.Split(['|', '\n', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length is < Fewest or > Most)
        {
            error = $"A pulse has {Fewest} to {Most} questions; I read {parts.Length}. Separate them with |.";
            return null;
        }

        if (parts.FirstOrDefault(p => p.Length > LongestText) is { } tooLong)
        {
            error = $"Keep each question under {LongestText} characters (\"{tooLong[..40]}…\" is {tooLong.Length}).";
            return null;
        }

        var questions = parts.Select(p => new PulseQuestion(KeyOf(p), p, p.Contains("stress", StringComparison.OrdinalIgnoreCase))).ToList();
        if (questions.Select(q => q.Key).Distinct(StringComparer.Ordinal).Count() != questions.Count)
        {
            error = "Two of those questions are the same; each question should ask something different.";
            return null;
        }

        error = "";
        return questions;
    }

    /// <summary>A stable key from the words: the same question keeps its trend line when an admin re-enters the set.</summary>
    public static string KeyOf(string text)
    {
        if (text.Contains("stress", StringComparison.OrdinalIgnoreCase))
        {
            return "stress";
        }

        var key = new StringBuilder();
        foreach (var c in text.ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(c))
            {
                key.Append(c);
            }
            else if (key.Length > 0 && key[^1] != '-')
            {
                key.Append('-');
            }

            if (key.Length >= 40)
            {
                break;
            }
        }

        return key.ToString().Trim('-');
    }
}
