using PeerBot.Matching.Profiles;
using PeerBot.Scheduler.Chat;

namespace PeerBot.Bot.Commands.Profiles;

/// <summary>The profile form (Slack modal / Adaptive Card). Field ids are the profile field names.</summary>
public static class ProfileForm
{
    public const string Id = "profile";

    public static readonly IReadOnlyList<string> FocusAreas =
    [
        "classroom-management", "differentiation", "sel", "literacy", "tech-integration", "ell",
        "special-education", "assessment", "first-year-survival", "project-based-learning", "family-communication", "work-life-balance",
    ];

    public static readonly IReadOnlyList<string> GradeBands = ["pk", "k-2", "3-5", "6-8", "9-12"];

    public static ChatForm Build(TeacherProfile? current) => new(
        Id,
        "Your PeerBot profile",
        current is null ? "Join" : "Save",
        [
            new FormField("role", "What are you looking for?", FormFieldKind.SingleChoice)
            {
                Options =
                [
                    new("A mentor", "mentee"), new("To mentor someone", "mentor"),
                    new("Both: mentor and be mentored", "both"), new("Peers only (peer pods)", "peer"),
                ],
                Initial = current is null ? [] : [current.Role.ToString().ToLowerInvariant()],
            },
            new FormField("subjects", "Subjects you teach", FormFieldKind.Text)
            {
                Placeholder = "math, science", Hint = "Separate with commas.", Initial = Join(current?.Subjects),
            },
            new FormField("grades", "Grade bands", FormFieldKind.MultiChoice)
            {
                // A band from a roster ("7", "k-12") is offered too, so saving the form keeps it.
                Options = [.. GradeBands.Concat(current?.Grades ?? []).Distinct().Select(g => new FormOption(GradeBand.Label(g), g))],
                Initial = current?.Grades ?? [], Optional = true,
            },
            new FormField("years", "Years teaching", FormFieldKind.Text) { Placeholder = "2", Initial = current is null ? [] : [current.Years.ToString(System.Globalization.CultureInfo.InvariantCulture)] },
            new FormField("school", "School or campus", FormFieldKind.Text) { Optional = true, Initial = current?.School is { } s ? [s] : [] },
            new FormField("focus", "What do you want to grow in (or can help with)?", FormFieldKind.MultiChoice)
            {
                Options = [.. FocusAreas.Select(f => new FormOption(f.Replace('-', ' '), f))], Initial = current?.Focus.Where(FocusAreas.Contains).ToArray() ?? [], Optional = true,
            },
            new FormField("availability", "When are you usually free?", FormFieldKind.Text)
            {
                Optional = true, Placeholder = "tue 15:30-16:30, thu 07:00-07:45", Hint = "Day and hours, separated by commas.",
                Initial = current is null || current.Availability.Count == 0 ? [] : [string.Join(", ", current.Availability)],
            },
            new FormField("capacity", "If you mentor: how many mentees at most?", FormFieldKind.SingleChoice)
            {
                Optional = true, Options = [new("1", "1"), new("2", "2"), new("3", "3"), new("4", "4")],
                Initial = current is { Capacity: > 0 } ? [current.Capacity.ToString(System.Globalization.CultureInfo.InvariantCulture)] : [],
            },
            new FormField("timezone", "Time zone", FormFieldKind.Text)
            {
                Optional = true, Placeholder = "America/Chicago", Hint = "Leave empty to use the one your chat app knows.", Initial = current?.TimeZone is { } tz ? [tz] : [],
            },
            new FormField("cohort", "Cohort", FormFieldKind.Text) { Optional = true, Placeholder = "new-2026", Initial = current?.Cohort is { } c ? [c] : [] },
        ],
        Intro: "A minute now helps me find peers and a mentor who fit. Only the people you're paired with see your profile.")
    {
        TypedInstead = ProfileText.InlineExample,
    };

    private static IReadOnlyList<string> Join(IReadOnlyList<string>? items) => items is { Count: > 0 } ? [string.Join(", ", items)] : [];
}
