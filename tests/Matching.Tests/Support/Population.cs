using PeerBot.Matching.Profiles;
using PeerBot.Matching.Rules;

namespace PeerBot.Matching.Tests.Support;

/// <summary>
/// Deterministic synthetic teachers for tests and benchmarks, shaped like a real district or state: many core
/// subjects and few rare ones, elementary teachers with several subjects, secondary with one, early-career mentees
/// and experienced mentors, schools of about 25 participants, mostly one time zone, after-school availability.
/// </summary>
internal static class Population
{
    private static readonly (string Subject, int Weight)[] Subjects =
    [
        ("math", 20), ("ela", 20), ("science", 15), ("social-studies", 12), ("sped", 8), ("ell", 5), ("art", 4),
        ("music", 4), ("pe", 4), ("computer-science", 3), ("world-languages", 3), ("cte", 2), ("health", 2), ("reading", 4),
    ];

    private static readonly string[] Elementary = ["math", "ela", "science", "social-studies", "reading"];

    private static readonly (string Grade, int Weight)[] Grades = [("k-2", 25), ("3-5", 25), ("6-8", 25), ("9-12", 25)];

    private static readonly string[] Focus =
    [
        "classroom-management", "differentiation", "sel", "literacy", "tech-integration", "ell", "special-education",
        "assessment", "first-year-survival", "project-based-learning", "family-engagement", "work-life-balance",
    ];

    private static readonly (string Zone, int Weight)[] Zones = [("America/Chicago", 85), ("America/New_York", 10), ("America/Denver", 5)];

    private static readonly string[] Slots =
    [
        "07:00-07:45", "11:30-12:15", "15:30-16:30", "15:45-17:00", "16:00-17:00", "19:00-20:00", "12:00-12:30",
    ];

    /// <summary><paramref name="mentees"/> mentees then <paramref name="mentors"/> mentors (capacity 1–4, mean about 2.4).</summary>
    public static List<TeacherProfile> Mentoring(int mentees, int mentors, int seed)
    {
        var random = new Random(seed);
        var schools = Math.Max(1, (mentees + mentors) / 25);
        var people = new List<TeacherProfile>(mentees + mentors);
        for (var i = 0; i < mentees; i++)
        {
            people.Add(Teacher(random, $"E{i:D6}", MentoringRole.Mentee, random.Next(0, 5), schools, 0));
        }

        for (var i = 0; i < mentors; i++)
        {
            var capacity = Pick(random, [(1, 20), (2, 35), (3, 30), (4, 15)]);
            people.Add(Teacher(random, $"R{i:D6}", MentoringRole.Mentor, random.Next(3, 31), schools, capacity));
        }

        return people;
    }

    /// <summary>An opted-in pool for pods: all roles, all career stages.</summary>
    public static List<TeacherProfile> Peers(int count, int seed)
    {
        var random = new Random(seed);
        var schools = Math.Max(1, count / 25);
        var people = new List<TeacherProfile>(count);
        for (var i = 0; i < count; i++)
        {
            var role = Pick(random, [(MentoringRole.Peer, 50), (MentoringRole.Mentee, 25), (MentoringRole.Mentor, 15), (MentoringRole.Both, 10)]);
            people.Add(Teacher(random, $"P{i:D6}", role, random.Next(0, 31), schools, role is MentoringRole.Mentor or MentoringRole.Both ? 2 : 0));
        }

        return people;
    }

    /// <summary>Past pairings: each person met <paramref name="perPerson"/> others on dates up to a year back.</summary>
    public static List<PastPairing> History(IReadOnlyList<TeacherProfile> people, int perPerson, DateOnly today, int seed)
    {
        var random = new Random(seed);
        var history = new List<PastPairing>();
        for (var i = 0; i < people.Count; i++)
        {
            for (var x = 0; x < perPerson; x++)
            {
                var j = random.Next(people.Count);
                if (j != i)
                {
                    history.Add(new PastPairing(people[i].Id, people[j].Id, today.AddDays(-random.Next(1, 366))));
                }
            }
        }

        return history;
    }

    private static TeacherProfile Teacher(Random random, string id, MentoringRole role, int years, int schools, int capacity)
    {
        var grade = Pick(random, Grades);
        var grades = random.Next(10) == 0 ? new[] { grade, Pick(random, Grades) }.Distinct().ToList() : [grade];
        List<string> subjects = grade is "k-2" or "3-5" && random.Next(3) > 0
            ? [.. Elementary.OrderBy(_ => random.Next()).Take(random.Next(2, 5))]
            : [.. new[] { Pick(random, Subjects), Pick(random, Subjects) }.Take(random.Next(5) == 0 ? 2 : 1).Distinct()];
        var focus = Focus.OrderBy(_ => random.Next()).Take(random.Next(1, 4)).ToList();
        var windows = new List<AvailabilityWindow>();
        var count = random.Next(10) == 0 ? 0 : random.Next(1, 4);
        for (var w = 0; w < count; w++)
        {
            AvailabilityWindow.TryParse($"{(DayOfWeek)random.Next(1, 6)} {Slots[random.Next(Slots.Length)]}".ToLowerInvariant(), out var window);
            windows.Add(window!);
        }

        return new TeacherProfile
        {
            Id = id,
            Name = $"Teacher {id}",
            Role = role,
            Subjects = subjects,
            Grades = grades,
            Years = years,
            School = $"School {random.Next(schools)}",
            Focus = focus,
            TimeZone = Pick(random, Zones),
            Availability = [.. windows.Distinct()],
            Capacity = capacity,
            Cohort = years < 3 ? "new-teachers" : "veterans",
        };
    }

    private static T Pick<T>(Random random, (T Value, int Weight)[] choices)
    {
        var roll = random.Next(choices.Sum(c => c.Weight));
        foreach (var (value, weight) in choices)
        {
            if (roll < weight)
            {
                return value;
            }

            roll -= weight;
        }

        return choices[^1].Value;
    }
}
