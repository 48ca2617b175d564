using PeerBot.Matching.Profiles;
using PeerBot.Scheduler.Chat;

namespace PeerBot.Bot.Commands.Profiles;

/// <summary>How a profile and profile mistakes read in chat.</summary>
public static class ProfileText
{
    public const string InlineExample = "join role:mentee subjects:math,science grades:6-8 years:2 school:\"Lincoln MS\" focus:ell tz:America/Chicago avail:\"tue 15:30-16:30\"";

    /// <summary>
    /// A member's ripples: colleagues met (pairings someone said "met" for), thanks received, and answers of theirs someone
    /// marked "This helped" (ask a colleague).
    /// </summary>
    public static string Ripples(int met, int thanked, int helped)
    {
        var parts = new List<string>();
        if (met > 0)
        {
            parts.Add($"you've met {met} colleague{(met == 1 ? "" : "s")}");
        }

        if (thanked > 0)
        {
            parts.Add($"you've been thanked {(thanked == 1 ? "once" : $"{thanked} times")}");
        }

        if (helped > 0)
        {
            parts.Add($"your answers helped {helped} colleague{(helped == 1 ? "" : "s")}");
        }

        return parts.Count == 0
            ? "💛 **Your ripples** start when you meet: colleagues you meet can say thanks, and it shows here."
            : $"💛 **Your ripples:** {string.Join("; ", parts)}.";
    }

    public static IReadOnlyList<MessageField> Fields(TeacherProfile p) =>
    [
        new("Role", RoleName(p)),
        new("Subjects", List(p.Subjects)),
        new("Grades", List(p.Grades)),
        new("Years teaching", p.Years.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("School", p.School ?? "—"),
        new("Focus", List(p.Focus)),
        new("Time zone", p.TimeZone ?? "—"),
        new("Free times", p.Availability.Count == 0 ? "—" : string.Join(", ", p.Availability)),
        new("Cohort", p.Cohort ?? "—"),
    ];

    public static string RoleName(TeacherProfile p) => p.Role switch
    {
        MentoringRole.Mentee => "mentee (looking for a mentor)",
        MentoringRole.Mentor => $"mentor (up to {p.Capacity} mentee{(p.Capacity == 1 ? "" : "s")})",
        MentoringRole.Both => $"mentor and mentee (mentors up to {p.Capacity})",
        _ => "peer (peer pods only)",
    };

    /// <summary>"Please fix: • years: …" followed by the right form, so nobody has to guess.</summary>
    public static ChatMessage Mistakes(IReadOnlyList<FieldError> errors, string prefix)
    {
        var list = string.Join("\n", errors.Select(e => $"• **{e.Field}**: {e.Message}"));
        var example = $"`{prefix}{InlineExample}`";
        return new ChatMessage($"Almost! Please fix:\n{list}\nFor example: {example}",
            [new TextBlock("Almost! Please fix:"), new TextBlock(list), new NoteBlock($"For example: {example} — or just `{prefix}join` for a form.")]);
    }

    private static string List(IReadOnlyList<string> items) => items.Count == 0 ? "—" : string.Join(", ", items);
}
