using System.Globalization;

namespace PeerBot.Bot.Simulator;

/// <summary>The people of the simulated school: a few to act as from the start, and thirty for "seed a school".</summary>
public static class SampleTeachers
{
    /// <summary>Who the page offers at first. Grace is a workspace admin (users.info says so), so she may run <c>admin</c> verbs.</summary>
    public static readonly IReadOnlyList<SimTeacher> Starters =
    [
        new("U0ANA", "Ana Ruiz", "America/Chicago"),
        new("U0BEN", "Ben Okafor", "America/New_York"),
        new("U0CHLOE", "Chloe Nguyen", "America/Los_Angeles"),
        new("U0DEV", "Dev Patel", "America/Denver"),
        new("U0GRACE", "Grace Kim (principal)", "America/Chicago", IsAdmin: true),
    ];

    private static readonly string[] First =
    [
        "Maya", "Luis", "Priya", "Tom", "Aisha", "Sam", "Elena", "Noah", "Fatima", "Jon", "Kira", "Omar", "Rosa", "Will", "Hana",
        "Diego", "Leah", "Kwame", "Ines", "Paul", "Mei", "Aaron", "Sofia", "Yusuf", "Clara", "Ravi", "Tess", "Marco", "Nia", "Eli",
    ];

    private static readonly string[] Last = ["Brooks", "Chen", "Diaz", "Evans", "Farouk", "Garcia", "Hughes", "Ito", "Jensen", "Khan"];

    private static readonly string[][] Subjects =
    [
        ["math"], ["science"], ["english", "literacy"], ["history"], ["math", "science"], ["art"], ["spanish"], ["special education"], ["music"], ["computer science"],
    ];

    private static readonly string[] Grades = ["k-2", "3-5", "6-8", "9-12"];
    private static readonly string[] Schools = ["Maple Grove ES", "Lincoln MS", "Roosevelt HS"];
    private static readonly string[] Zones = ["America/Chicago", "America/New_York", "America/Denver", "America/Los_Angeles"];

    private static readonly string[][] Focus =
    [
        ["classroom-management", "first-year-survival"], ["differentiation", "ell"], ["sel", "family-communication"], ["literacy", "assessment"],
        ["tech-integration", "project-based-learning"], ["special-education", "differentiation"], ["work-life-balance", "sel"], ["assessment", "classroom-management"],
    ];

    private static readonly string[] Availability = ["tue 15:30-16:30", "thu 07:00-07:45", "wed 15:30-16:30", "mon 16:00-17:00", "fri 12:00-12:30"];

    /// <summary>Thirty teachers with varied profiles: mentees and new teachers, mentors with capacity, both, and peers for pods.</summary>
    public static IReadOnlyList<(SimTeacher Teacher, string JoinFields)> School()
    {
        var people = new List<(SimTeacher, string)>(30);
        for (var i = 0; i < 30; i++)
        {
            var role = (i % 5) switch { 0 or 1 => "peer", 2 => "mentee", 3 => "mentor", _ => i % 2 == 0 ? "both" : "peer" };
            var years = role switch { "mentee" => 1 + (i % 3), "mentor" => 10 + (i % 15), "both" => 5 + (i % 6), _ => 2 + (i % 12) };
            var subjects = Subjects[i % Subjects.Length];
            var grade = Grades[(i / 3) % Grades.Length];
            var school = Schools[(i / 2) % Schools.Length];
            var zone = Zones[i % 7 == 0 ? (i / 7) % Zones.Length : 0];
            var teacher = new SimTeacher(string.Create(CultureInfo.InvariantCulture, $"U0S{i + 1:D2}"), $"{First[i]} {Last[(i * 7) % Last.Length]}", zone);
            var fields = string.Create(CultureInfo.InvariantCulture,
                $"role:{role} subjects:\"{string.Join(',', subjects)}\" grades:{grade} years:{years} school:\"{school}\" focus:{string.Join(',', Focus[i % Focus.Length])} tz:{zone} avail:\"{Availability[i % Availability.Length]},{Availability[(i + 2) % Availability.Length]}\"");
            if (role is "mentor" or "both")
            {
                fields += string.Create(CultureInfo.InvariantCulture, $" capacity:{1 + (i % 3)}");
            }

            if (role == "mentee" || years <= 2)
            {
                fields += " cohort:new-2026";
            }

            people.Add((teacher, fields));
        }

        return people;
    }
}
