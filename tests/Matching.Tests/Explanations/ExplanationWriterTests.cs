using PeerBot.Matching.Explanations;
using PeerBot.Matching.Profiles;
using PeerBot.Matching.Scoring;
using PeerBot.Matching.Tests.Support;

namespace PeerBot.Matching.Tests.Explanations;

public sealed class ExplanationWriterTests
{
    private static readonly string[] Subjects =
        ["math", "science", "ela", "spanish", "cs", "project-based-learning", "art", "music", "sped", "world-history"];

    private static readonly string[] Grades =
        ["k", "pk", "tk", "kindergarten", "1", "3rd", "7", "k-2", "pk-2", "tk-k", "3-5", "6-8", "9-12", "11th", "x-y", "12"];

    private static readonly string[] Focus =
        ["classroom-management", "sel", "ell", "work-life-balance", "first-year-survival", "assessment", "literacy", "pbl"];

    private static readonly string[] Names =
        ["Ana Ruiz", "Ben Okafor", "  Cy  Lee ", "", "   ", "zoë Martin", "ßabine", "Émile", "José María", "O'Neil", "李 华", "Tab\tName"];

    private static readonly string[] Zones =
        ["America/Chicago", "America/New_York", "America/Phoenix", "Pacific/Honolulu", "America/Denver", "Asia/Kolkata",
         "America/St_Johns", "Australia/Lord_Howe", "Europe/London", "", "Mars/Olympus_Mons"];

    [Fact]
    public void EverySentence_ReadsExactlyAsThePlainlyWrittenOne_ForPairsAndPodsOfEveryShape()
    {
        for (var seed = 0; seed < 40; seed++)
        {
            var random = new Random(seed);
            var people = Enumerable.Range(0, 36).Select(i => RandomTeacher(random, i)).ToList();
            var pool = new PoolFeatures(people, Teachers.Today.AddDays(seed * 11), seed % 3 == 0 ? "UTC" : "America/Chicago");
            var writer = new ExplanationWriter(pool);
            var reference = new ReferenceExplanationWriter(pool);
            for (var a = 0; a < people.Count; a++)
            {
                for (var b = 0; b < people.Count; b++)
                {
                    if (a != b)
                    {
                        Assert.Equal(reference.ForMentoring(a, b), writer.ForMentoring(a, b));
                        Assert.Equal(reference.ForMentoring(a, b, toMentor: true), writer.ForMentoring(a, b, toMentor: true));
                    }
                }
            }

            for (var pod = 0; pod < 400; pod++)
            {
                var members = Enumerable.Range(0, people.Count).OrderBy(_ => random.Next()).Take(random.Next(2, 9)).ToList();
                Assert.Equal(reference.ForPeers(members), writer.ForPeers(members));
            }
        }
    }

    [Fact]
    public void Sentences_WrittenOnSeveralThreadsAtOnce_AreEachTheirOwnPair()
    {
        // A round writes its sentences in parallel: each thread's buffer must hold only its own sentence. Four threads
        // started together write 5,000 sentences each, so their sentences overlap in time however the box schedules them.
        var people = Population.Mentoring(600, 200, seed: 5);
        var pool = new PoolFeatures(people, Teachers.Today, "America/Chicago");
        var writer = new ExplanationWriter(pool);
        var reference = new ReferenceExplanationWriter(pool);
        var pairs = Enumerable.Range(0, 20_000).Select(i => (Mentee: i % 600, Mentor: 600 + (i * 7 % 200))).ToArray();
        var expected = pairs.Select(p => reference.ForMentoring(p.Mentee, p.Mentor)).ToArray();
        var written = new string[pairs.Length];
        using var start = new Barrier(4);
        var threads = Enumerable.Range(0, 4).Select(t => new Thread(() =>
        {
            start.SignalAndWait();
            for (var i = t; i < pairs.Length; i += 4)
            {
                written[i] = writer.ForMentoring(pairs[i].Mentee, pairs[i].Mentor);
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        Assert.Equal(expected, written);
    }

    [Fact]
    public void Overlap_AtEveryMinuteOfTheDay_IsReadOnTwelveHourClocks()
    {
        // One of them is an hour ahead, so each gets their own clock: "12 am", "12:15 pm", "1 pm" …
        var writer = (TeacherProfile a, TeacherProfile b) => new ExplanationWriter(new PoolFeatures([a, b], Teachers.Today, "UTC"));
        for (var minute = 0; minute < 23 * 60; minute += 15)
        {
            var start = TimeOnly.FromTimeSpan(TimeSpan.FromMinutes(minute));
            var ana = Teacher("a", "Ana", "America/Chicago", new AvailabilityWindow(DayOfWeek.Wednesday, start, start.AddMinutes(30)));
            var ben = Teacher("b", "Ben", "America/New_York", new AvailabilityWindow(DayOfWeek.Wednesday, start.AddHours(1), start.AddMinutes(90)));
            var pool = new PoolFeatures([ana, ben], Teachers.Today, "UTC");
            var expected = new ReferenceExplanationWriter(pool).ForPeers([0, 1]);
            Assert.Equal(expected, writer(ana, ben).ForPeers([0, 1]));
            Assert.Contains(minute < 60 ? " 12" : minute < 12 * 60 ? " am for Ana" : " pm for Ana", expected);
        }
    }

    private static TeacherProfile Teacher(string id, string name, string zone, AvailabilityWindow window) => new()
    {
        Id = id,
        Name = name,
        TimeZone = zone,
        Availability = [window],
    };

    private static TeacherProfile RandomTeacher(Random random, int i) => new()
    {
        Id = $"T{i}",
        Name = random.Next(4) == 0 ? Names[random.Next(Names.Length)] : $"N{i} Last",
        Role = (MentoringRole)random.Next(4),
        Subjects = Some(random, Subjects, 3),
        Grades = Some(random, Grades, 2),
        Years = random.Next(-2, 45),
        School = random.Next(3) == 0 ? null : $"School {random.Next(4)}",
        Focus = Some(random, Focus, 3),
        TimeZone = Zones[random.Next(Zones.Length)],
        Availability = [.. Enumerable.Range(0, random.Next(0, 4)).Select(_ => RandomWindow(random))],
    };

    private static string[] Some(Random random, string[] words, int most) =>
        [.. Enumerable.Range(0, random.Next(0, most + 1)).Select(_ => words[random.Next(random.Next(2) == 0 ? 3 : words.Length)])];

    private static AvailabilityWindow RandomWindow(Random random)
    {
        // Mostly school hours (so people overlap), sometimes late at night (so the UTC week wraps).
        var start = random.Next(3) == 0 ? random.Next(0, 24 * 4 - 2) * 15 : random.Next(6 * 4, 18 * 4) * 15;
        var length = random.Next(1, 12) * 15;
        var end = Math.Min(start + length, (24 * 60) - 1);
        return new AvailabilityWindow((DayOfWeek)random.Next(7), TimeOnly.FromTimeSpan(TimeSpan.FromMinutes(start)), TimeOnly.FromTimeSpan(TimeSpan.FromMinutes(end)));
    }
}
