using PeerBot.Matching.Profiles;

namespace PeerBot.Matching.Tests.Support;

/// <summary>
/// One kind of district or state roster: how big its schools are, how many time zones and subjects it spans, how
/// many of its people mentor and with how many seats, how free they are, how alike, and how much history they carry.
/// <see cref="Generate"/> makes a deterministic roster of that shape, for tests (small) and the benchmark (state-sized).
/// </summary>
internal sealed record PopulationShape(string Name, string Description)
{
    private static readonly string[] AllSubjects =
    [
        "math", "ela", "science", "social-studies", "reading", "sped", "ell", "art", "music", "pe", "computer-science",
        "world-languages", "cte", "health", "spanish", "french", "biology", "chemistry", "physics", "algebra", "geometry",
        "calculus", "statistics", "us-history", "world-history", "civics", "economics", "psychology", "theater", "band",
        "choir", "journalism", "agriculture", "engineering", "robotics", "culinary", "business", "early-childhood", "esl", "latin",
    ];

    private static readonly string[] Grades = ["pk", "k-2", "3-5", "6-8", "9-12"];

    private static readonly string[] Focus =
    [
        "classroom-management", "differentiation", "sel", "literacy", "tech-integration", "ell", "special-education",
        "assessment", "first-year-survival", "project-based-learning", "family-engagement", "work-life-balance",
    ];

    private static readonly string[] Slots =
    [
        "07:00-07:45", "11:30-12:15", "15:30-16:30", "15:45-17:00", "16:00-17:00", "19:00-20:00", "12:00-12:30",
    ];

    /// <summary>Mean participants per school; 0 mixes a few large schools with many small ones.</summary>
    public int SchoolSize { get; init; }

    public (string Zone, int Weight)[] Zones { get; init; } = [("America/Chicago", 1)];

    public int Subjects { get; init; } = 14;

    /// <summary>Skewed: the k-th subject is taught about 1/k as often as the first; flat: all equally.</summary>
    public bool SkewedSubjects { get; init; } = true;

    /// <summary>Share of the roster that mentors.</summary>
    public double MentorShare { get; init; } = 0.23;

    public bool CapacityOne { get; init; }

    /// <summary>How many free windows a person gives: from … to (inclusive).</summary>
    public (int From, int To) Windows { get; init; } = (0, 3);

    /// <summary>When above 0, everyone is one of this many profiles (ids and names aside): many equal scores.</summary>
    public int DistinctProfiles { get; init; }

    /// <summary>Past pairings per person (up to a year back).</summary>
    public int HistoryPerPerson { get; init; }

    /// <summary>The family the benchmark reports, the state roster first.</summary>
    public static readonly IReadOnlyList<PopulationShape> Family =
    [
        new("state", "schools of mixed size, 6 time zones (incl. Arizona, Hawaii), 30 skewed subjects, 23% mentors, capacity 1–4")
        {
            SchoolSize = 0, Zones = StateZones, Subjects = 30,
        },
        new("few-large-schools", "schools of ~500, one time zone, 14 skewed subjects") { SchoolSize = 500 },
        new("many-small-schools", "schools of ~6, 3 time zones") { SchoolSize = 6, Zones = [("America/New_York", 5), ("America/Chicago", 3), ("America/Denver", 2)] },
        new("5-flat-subjects", "5 subjects, equally common; one time zone") { SchoolSize = 25, Subjects = 5, SkewedSubjects = false },
        new("40-flat-subjects-6-zones", "40 subjects, equally common; 6 time zones") { SchoolSize = 25, Subjects = 40, SkewedSubjects = false, Zones = StateZones },
        new("mentors-5%", "5% mentors: seats far fewer than mentees") { SchoolSize = 25, MentorShare = 0.05 },
        new("mentors-50%", "50% mentors: seats far more than mentees") { SchoolSize = 25, MentorShare = 0.5 },
        new("capacity-1", "every mentor takes one mentee") { SchoolSize = 25, CapacityOne = true },
        new("sparse-availability", "0–1 free windows each") { SchoolSize = 25, Windows = (0, 1) },
        new("dense-availability", "4–8 free windows each") { SchoolSize = 25, Windows = (4, 8) },
        new("identical-profiles", "everyone is one of 40 profiles: heavy score ties") { SchoolSize = 25, DistinctProfiles = 40 },
        new("dense-history", "30 past pairings per person in the last year") { SchoolSize = 25, HistoryPerPerson = 30 },
    ];

    private static (string Zone, int Weight)[] StateZones =>
    [
        ("America/New_York", 40), ("America/Chicago", 30), ("America/Denver", 10), ("America/Phoenix", 6),
        ("America/Los_Angeles", 12), ("Pacific/Honolulu", 2),
    ];

    public static PopulationShape Named(string name) =>
        Family.FirstOrDefault(s => s.Name == name) ?? throw new ArgumentException($"no population shape \"{name}\": {string.Join(", ", Family.Select(s => s.Name))}");

    /// <summary><paramref name="people"/> teachers of this shape: mentees first, then mentors.</summary>
    public List<TeacherProfile> Generate(int people, int seed)
    {
        var random = new Random(seed);
        var mentors = (int)Math.Round(people * MentorShare);
        var schools = SchoolSizes(people, random);
        var weights = Enumerable.Range(0, Subjects).Select(k => SkewedSubjects ? 1000 / (k + 1) : 1).ToArray();
        var templates = DistinctProfiles > 0
            ? Enumerable.Range(0, DistinctProfiles).Select(t => Teacher(random, $"T{t}", MentoringRole.Mentee, 0, schools, 0, weights)).ToArray()
            : null;
        var result = new List<TeacherProfile>(people);
        for (var i = 0; i < people; i++)
        {
            var mentor = i >= people - mentors;
            var role = mentor ? MentoringRole.Mentor : MentoringRole.Mentee;
            var capacity = !mentor ? 0 : CapacityOne ? 1 : 1 + random.Next(4);
            var years = mentor ? random.Next(3, 31) : random.Next(0, 5);
            var id = mentor ? $"R{i:D6}" : $"E{i:D6}";
            result.Add(templates is null
                ? Teacher(random, id, role, years, schools, capacity, weights)
                : templates[random.Next(templates.Length)] with { Id = id, Name = $"Teacher {id}", Role = role, Capacity = capacity, Years = mentor ? 10 : 1 });
        }

        return result;
    }

    /// <summary>Cumulative sizes of the schools (by participants), for picking a school in proportion to its size.</summary>
    private int[] SchoolSizes(int people, Random random)
    {
        var sizes = new List<int>();
        var total = 0;
        while (total < people)
        {
            // Mixed: one school in ten is large (150–600), the rest small (5–40).
            var size = SchoolSize > 0 ? Math.Max(1, SchoolSize / 2 + random.Next(SchoolSize + 1))
                : random.Next(10) == 0 ? random.Next(150, 601) : random.Next(5, 41);
            sizes.Add(size);
            total += size;
        }

        var cumulative = new int[sizes.Count];
        for (int s = 0, sum = 0; s < sizes.Count; s++)
        {
            sum += sizes[s];
            cumulative[s] = sum;
        }

        return cumulative;
    }

    private TeacherProfile Teacher(Random random, string id, MentoringRole role, int years, int[] schools, int capacity, int[] subjectWeights)
    {
        var grade = Grades[random.Next(Grades.Length)];
        List<string> grades = random.Next(10) == 0 ? [.. new[] { grade, Grades[random.Next(Grades.Length)] }.Distinct()] : [grade];
        var subjects = Enumerable.Range(0, random.Next(5) == 0 ? 2 : 1).Select(_ => AllSubjects[Pick(random, subjectWeights)]).Distinct().ToList();
        var focus = Focus.OrderBy(_ => random.Next()).Take(random.Next(1, 4)).ToList();
        var windows = new List<AvailabilityWindow>();
        var count = random.Next(Windows.From, Windows.To + 1);
        for (var w = 0; w < count; w++)
        {
            AvailabilityWindow.TryParse($"{(DayOfWeek)random.Next(1, 6)} {Slots[random.Next(Slots.Length)]}".ToLowerInvariant(), out var window);
            windows.Add(window!);
        }

        var school = Array.BinarySearch(schools, random.Next(schools[^1]) + 1);
        return new TeacherProfile
        {
            Id = id,
            Name = $"Teacher {id}",
            Role = role,
            Subjects = subjects,
            Grades = grades,
            Years = years,
            School = $"School {(school < 0 ? ~school : school)}",
            Focus = focus,
            TimeZone = Zones[Pick(random, [.. Zones.Select(z => z.Weight)])].Zone,
            Availability = [.. windows.Distinct()],
            Capacity = capacity,
            Cohort = years < 3 ? "new-teachers" : "veterans",
        };
    }

    private static int Pick(Random random, int[] weights)
    {
        var roll = random.Next(weights.Sum());
        for (var k = 0; k < weights.Length; k++)
        {
            if (roll < weights[k])
            {
                return k;
            }

            roll -= weights[k];
        }

        return weights.Length - 1;
    }
}
