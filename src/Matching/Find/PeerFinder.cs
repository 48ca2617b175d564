using PeerBot.Matching.Explanations;
using PeerBot.Matching.Profiles;
using PeerBot.Matching.Rounds;
using PeerBot.Matching.Scoring;

namespace PeerBot.Matching.Find;

/// <summary>
/// Ranks peers for a topic ("7th grade math", "classroom management", "Lincoln"): what the topic asks for counts
/// first (subject 40, grade band 30, focus area 30, a word naming their school, cohort or name 10 each), and general
/// compatibility with the asker breaks ties. Never the asker, a paused member or a blocked pair; recent pairings
/// are fine — this is a search, not a pairing.
/// </summary>
public static class PeerFinder
{
    private const int CompatibilityShortlist = 200;

    public static IReadOnlyList<PeerSuggestion> Find(
        TeacherProfile asker, IReadOnlyList<TeacherProfile> people, string topic, RoundOptions options, int limit = 5)
    {
        var query = new TopicQuery(topic);
        var matches = new List<(TeacherProfile Person, double Relevance, List<string> Reasons)>();
        foreach (var person in Findable(asker, people, options))
        {
            var (relevance, reasons) = Relevance(person, query);
            if (relevance > 0 || query.IsEmpty)
            {
                matches.Add((person, relevance, reasons));
            }
        }

        // Compatibility is costlier than relevance, so only the most relevant are scored for the tie-break.
        var shortlist = matches
            .OrderByDescending(m => m.Relevance)
            .ThenBy(m => m.Person.Id, StringComparer.Ordinal)
            .Take(Math.Max(limit, CompatibilityShortlist))
            .ToList();
        var pool = new PoolFeatures([asker, .. shortlist.Select(m => m.Person)], options.Today, options.DefaultTimeZone);
        var scorer = new CompatibilityScorer(pool, options.Weights, PairingKind.Peer);
        var writer = new ExplanationWriter(pool);
        return shortlist
            .Select((m, i) => (m.Person, m.Relevance, m.Reasons, Fit: scorer.Points(0, i + 1) / 100.0, Index: i + 1))
            .OrderByDescending(m => m.Relevance + (m.Fit / 5))
            .ThenBy(m => m.Person.Id, StringComparer.Ordinal)
            .Take(limit)
            .Select(m => new PeerSuggestion(
                m.Person.Id,
                m.Person.Name,
                Math.Round(query.IsEmpty ? m.Fit : m.Relevance, 2),
                m.Reasons.Count > 0 ? Words.Capitalise(string.Join("; ", m.Reasons)) + "." : writer.ForPeers([0, m.Index])))
            .ToList();
    }

    /// <summary>
    /// For a topic that found nobody: up to <paramref name="limit"/> broader topics that each find someone the asker
    /// may meet, from the subjects, grade bands and focus areas members here chose — of the kind the topic asked about
    /// first (a grade band for "7th grade …", subjects and focus areas for words), the most people first. Never the
    /// topic itself, nor one that asks the same.
    /// </summary>
    public static IReadOnlyList<TopicSuggestion> BroaderTopics(
        TeacherProfile asker, IReadOnlyList<TeacherProfile> people, string topic, RoundOptions options, int limit = 3)
    {
        var findable = Findable(asker, people, options).ToList();
        var asked = new TopicQuery(topic);
        var chosen = findable
            .SelectMany(p => p.Grades.Select(t => (Token: t, Grade: true)).Concat(p.Subjects.Concat(p.Focus).Select(t => (Token: t, Grade: false))))
            .GroupBy(t => t, TokenComparer.Instance)
            .Select(g => (g.Key.Token, g.Key.Grade, Count: g.Count()))
            .OrderBy(t => t.Grade ? (asked.Grades.Count > 0 ? 0 : 1) : (asked.Words.Count > 0 ? 0 : 1))
            .ThenByDescending(t => t.Count)
            .ThenBy(t => t.Token, StringComparer.Ordinal);

        var suggestions = new List<TopicSuggestion>();
        var seen = new HashSet<string>(StringComparer.Ordinal) { asked.Signature };
        foreach (var (token, _, _) in chosen)
        {
            var query = new TopicQuery(token);
            if (query.IsEmpty || !seen.Add(query.Signature))
            {
                continue;
            }

            var count = findable.Count(p => Relevance(p, query).Relevance > 0);
            if (count > 0)
            {
                suggestions.Add(new TopicSuggestion(token, count));
                if (suggestions.Count == limit)
                {
                    break;
                }
            }
        }

        return suggestions;
    }

    private sealed class TokenComparer : IEqualityComparer<(string Token, bool Grade)>
    {
        public static readonly TokenComparer Instance = new();

        public bool Equals((string Token, bool Grade) x, (string Token, bool Grade) y) =>
            x.Grade == y.Grade && string.Equals(x.Token, y.Token, StringComparison.OrdinalIgnoreCase);

        public int GetHashCode((string Token, bool Grade) t) => HashCode.Combine(t.Grade, StringComparer.OrdinalIgnoreCase.GetHashCode(t.Token));
    }

    /// <summary>Everyone the asker may be shown: not themselves, not paused, not on either side of a blocked pair.</summary>
    private static IEnumerable<TeacherProfile> Findable(TeacherProfile asker, IReadOnlyList<TeacherProfile> people, RoundOptions options)
    {
        var blocked = options.Rules.Blocked
            .Where(b => b.A == asker.Id || b.B == asker.Id)
            .Select(b => b.A == asker.Id ? b.B : b.A)
            .ToHashSet(StringComparer.Ordinal);
        return people.Where(p => p.Id != asker.Id && !blocked.Contains(p.Id) && !options.Rules.Paused.Contains(p.Id));
    }

    private static (double Relevance, List<string> Reasons) Relevance(TeacherProfile person, TopicQuery query)
    {
        var reasons = new List<string>();
        var relevance = 0;
        var subjects = person.Subjects.Where(query.Asks).ToList();
        var grades = person.Grades
            .Where(g => TopicQuery.GradeSpan(g) is { } span && query.Grades.Any(x => x >= span.From && x <= span.To))
            .ToList();
        var focus = person.Focus.Where(query.Asks).ToList();
        relevance += subjects.Count > 0 ? 40 : 0;
        relevance += grades.Count > 0 ? 30 : 0;
        relevance += focus.Count > 0 ? 30 : 0;
        if (subjects.Count > 0)
        {
            var grade = grades.Count > 0 ? Words.GradeAdjective(grades[0]) + " " : "";
            reasons.Add($"teaches {grade}{Words.JoinAnd([.. subjects.Select(Words.Topic)])}");
        }
        else if (grades.Count > 0)
        {
            reasons.Add($"teaches {Words.GradeNoun(grades[0])}");
        }

        if (focus.Count > 0)
        {
            reasons.Add($"works on {Words.JoinAnd([.. focus.Select(Words.Topic)])}");
        }

        // Words not already explained by a subject or focus match may name a school, cohort or person.
        var matched = subjects.Concat(focus).SelectMany(t => t.Split('-').Append(t)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var hits = query.Words.Where(w => !matched.Contains(w) && Mentions(person, w)).ToList();
        relevance += Math.Min(30, 10 * hits.Count);
        if (person.School is { } school && hits.Any(h => school.Contains(h, StringComparison.OrdinalIgnoreCase)))
        {
            reasons.Add($"at {school}");
        }
        else if (person.Cohort is { } cohort && hits.Any(h => cohort.Contains(h, StringComparison.OrdinalIgnoreCase)))
        {
            reasons.Add($"in {cohort}");
        }

        if (relevance > 0 && person.Years > 0)
        {
            reasons.Add($"{person.Years} year{(person.Years == 1 ? "" : "s")} in the classroom");
        }

        return (Math.Min(100, relevance), reasons);
    }

    private static bool Mentions(TeacherProfile person, string word) =>
        person.Name.Split(' ').Any(n => n.Equals(word, StringComparison.OrdinalIgnoreCase))
        || (person.School?.Contains(word, StringComparison.OrdinalIgnoreCase) ?? false)
        || (person.Cohort?.Contains(word, StringComparison.OrdinalIgnoreCase) ?? false);
}
