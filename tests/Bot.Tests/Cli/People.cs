using System.Text.Json;

namespace PeerBot.Bot.Tests.Cli;

/// <summary>Lines of a people.jsonl file, as PRODUCT.md shows them.</summary>
public static class People
{
    public static string Line(string id, string role, string subject = "math", string grades = "6-8", int years = 3,
        int capacity = 0, string focus = "classroom-management", string availability = "tue 15:30-16:30", string? school = null) =>
        JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["id"] = id,
            ["name"] = $"Teacher {id}",
            ["role"] = role,
            ["subjects"] = new[] { subject },
            ["grades"] = new[] { grades },
            ["years"] = years,
            ["school"] = school ?? $"School {id}",
            ["focus"] = new[] { focus },
            ["timezone"] = "America/Chicago",
            ["availability"] = new[] { availability },
            ["capacity"] = capacity,
            ["cohort"] = "new-2026",
        });

    /// <summary>A varied population from a fixed seed: mentees, mentors of capacity 1–3, and a few who do both.</summary>
    public static IEnumerable<string> Generated(int count, int seed)
    {
        var random = new Random(seed);
        string[] subjects = ["math", "science", "english", "history", "art"];
        string[] grades = ["k-2", "3-5", "6-8", "9-12"];
        string[] focus = ["classroom-management", "ell", "grading", "sped", "engagement"];
        string[] slots = ["mon 15:00-16:00", "tue 15:30-16:30", "wed 07:00-07:45", "thu 16:00-17:00"];
        for (var i = 0; i < count; i++)
        {
            var role = (i % 10) switch { < 6 => "mentee", < 9 => "mentor", _ => "both" };
            yield return Line($"U{i:D4}", role, subjects[random.Next(subjects.Length)], grades[random.Next(grades.Length)],
                role == "mentee" ? random.Next(0, 3) : random.Next(5, 20), role == "mentee" ? 0 : random.Next(1, 4),
                focus[random.Next(focus.Length)], slots[random.Next(slots.Length)]);
        }
    }
}
