using PeerBot.Matching.Profiles;

namespace PeerBot.Scheduler.Rounds;

/// <summary>Three questions to break the ice, drawn first from focus areas the people share.</summary>
public static class ConversationStarters
{
    private static readonly Dictionary<string, string> ByFocus = new(StringComparer.Ordinal)
    {
        ["classroom-management"] = "What's one routine that made your classroom calmer this year?",
        ["differentiation"] = "How do you stretch your fastest students without losing the rest?",
        ["sel"] = "What's a small SEL habit your students actually look forward to?",
        ["literacy"] = "Which text or reading strategy got your students talking lately?",
        ["tech-integration"] = "Which tool saved you the most time this term — and which one did you drop?",
        ["ell"] = "What helps your English learners join discussions with confidence?",
        ["special-education"] = "What accommodation turned out to help the whole class?",
        ["assessment"] = "What's your favourite quick check for understanding?",
        ["first-year-survival"] = "What do you wish someone had told you in your first month?",
        ["project-based-learning"] = "What project would you run again tomorrow, and what would you change?",
    };

    private static readonly string[] General =
    [
        "What's been the best moment of your week so far?",
        "What's one thing you'd love a second pair of eyes on?",
        "How do you protect your evenings and weekends?",
        "Which lesson are you most proud of this year?",
    ];

    public static IReadOnlyList<string> For(IReadOnlyList<TeacherProfile> people)
    {
        var shared = people.Count == 0 ? [] : people.Skip(1).Aggregate(people[0].Focus.AsEnumerable(), (acc, p) => acc.Intersect(p.Focus, StringComparer.Ordinal)).ToList();
        var anyone = people.SelectMany(p => p.Focus).Distinct(StringComparer.Ordinal).Except(shared, StringComparer.Ordinal);
        var subjects = people.Count == 0 ? [] : people.Skip(1).Aggregate(people[0].Subjects.AsEnumerable(), (acc, p) => acc.Intersect(p.Subjects, StringComparer.Ordinal)).ToList();
        var fromSubjects = subjects.Select(s => $"What's the trickiest idea to teach in {s}, and how do you get it across?");
        return shared.Concat(anyone).Where(ByFocus.ContainsKey).Select(f => ByFocus[f])
            .Concat(fromSubjects).Concat(General).Distinct(StringComparer.Ordinal).Take(3).ToList();
    }
}
