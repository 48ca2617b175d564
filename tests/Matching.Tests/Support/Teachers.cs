using PeerBot.Matching.Profiles;

namespace PeerBot.Matching.Tests.Support;

/// <summary>Hand-made profiles for tests that need known answers.</summary>
internal static class Teachers
{
    public static readonly DateOnly Today = new(2026, 9, 14);

    public static TeacherProfile Make(
        string id,
        MentoringRole role = MentoringRole.Peer,
        string subjects = "math",
        string grades = "6-8",
        int years = 5,
        string? school = "Lincoln MS",
        string focus = "",
        string timeZone = "America/Chicago",
        string availability = "",
        int capacity = 0,
        string? name = null) => new()
        {
            Id = id,
            Name = name ?? id,
            Role = role,
            Subjects = List(subjects),
            Grades = List(grades),
            Years = years,
            School = school,
            Focus = List(focus),
            TimeZone = timeZone,
            Availability = [.. List(availability).Select(Window)],
            Capacity = capacity,
        };

    private static List<string> List(string text) => [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private static AvailabilityWindow Window(string text) =>
        AvailabilityWindow.TryParse(text, out var window) ? window! : throw new ArgumentException($"bad window {text}");
}
