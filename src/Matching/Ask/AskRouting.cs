using PeerBot.Matching.Find;
using PeerBot.Matching.Profiles;
using PeerBot.Matching.Rounds;

namespace PeerBot.Matching.Ask;

/// <summary>
/// Who a question goes to: the members find's ranking puts first for its topic (subject, grade band, focus), or — when
/// nobody fits the topic — those most compatible with the asker. Never the asker, a paused member, anyone on either
/// side of a blocked pair (never-pair lists, evaluators), or anyone already asked.
/// </summary>
public static class AskRouting
{
    public const int PerStep = 5;

    public static IReadOnlyList<string> Pick(
        TeacherProfile asker, IReadOnlyList<TeacherProfile> people, string topic, RoundOptions options, IReadOnlySet<string> alreadyAsked, int limit = PerStep)
    {
        var open = people.Where(p => !alreadyAsked.Contains(p.Id)).ToList();
        var chosen = PeerFinder.Find(asker, open, topic, options, limit).Select(s => s.Id).ToList();
        // Nobody fits the topic at all: then the colleagues most compatible with the asker, rather than nobody.
        if (chosen.Count == 0)
        {
            var rest = open.Where(p => !chosen.Contains(p.Id, StringComparer.Ordinal)).ToList();
            chosen.AddRange(PeerFinder.Find(asker, rest, "", options, limit - chosen.Count).Select(s => s.Id));
        }

        return chosen;
    }

    /// <summary>The asker as a helper may hear of them: "a 2nd-year math teacher", "a 6th–8th-grade teacher", "a colleague".</summary>
    public static string Describe(TeacherProfile asker)
    {
        var year = asker.Years > 0 ? Ordinal(asker.Years) + "-year " : "";
        var subject = asker.Subjects.Count > 0 ? Explanations.Words.Topic(asker.Subjects[0]) + " " : "";
        if (year.Length == 0 && subject.Length == 0)
        {
            return "a colleague";
        }

        var words = $"{year}{subject}teacher";
        return ("aeiou".Contains(char.ToLowerInvariant(words[0]), StringComparison.Ordinal) || words.StartsWith("8th", StringComparison.Ordinal) || words.StartsWith("11th", StringComparison.Ordinal) || words.StartsWith("18th", StringComparison.Ordinal) ? "an " : "a ") + words;
    }

    private static string Ordinal(int n) => (n % 100) switch
    {
        11 or 12 or 13 => $"{n}th",
        _ => (n % 10) switch { 1 => $"{n}st", 2 => $"{n}nd", 3 => $"{n}rd", _ => $"{n}th" },
    };
}
