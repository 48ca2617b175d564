using System.Text.Json;
using PeerBot.Matching.Pairing;
using PeerBot.Matching.Profiles;
using PeerBot.Matching.Rounds;
using PeerBot.Matching.Rules;
using PeerBot.Matching.Scoring;
using PeerBot.Matching.Tests.Support;

namespace PeerBot.Matching.Tests.Pairing;

public sealed class MentorAssignmentTests
{
    private static RoundOptions Options(int seed = 0, PairingRules? rules = null, CandidateMode mode = CandidateMode.Sparse) =>
        new() { Today = Teachers.Today, Seed = seed, Rules = rules ?? new PairingRules(), Candidates = mode };

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void MentorAssignment_NeverExceedsCapacity(int seed)
    {
        var people = Population.Mentoring(900, 250, seed);
        var round = MentorAssignment.Solve(people, Options(seed));
        var capacity = people.ToDictionary(p => p.Id, p => p.Capacity);
        Assert.All(round.Pairs.GroupBy(p => p.Mentor), g => Assert.True(g.Count() <= capacity[g.Key]));
        Assert.Equal(round.Pairs.Count, round.Pairs.Select(p => p.Mentee).Distinct().Count());
        Assert.Equal(900, round.Pairs.Count + round.Unmatched.Count);
    }

    [Fact]
    public void MentorAssignment_NeverPairsSomeoneWithThemselves()
    {
        var people = Population.Peers(400, seed: 5).Select(p => p with { Role = MentoringRole.Both, Capacity = 2 }).ToList();
        var round = MentorAssignment.Solve(people, Options());
        Assert.NotEmpty(round.Pairs);
        Assert.All(round.Pairs, p => Assert.NotEqual(p.Mentee, p.Mentor));
    }

    [Fact]
    public void MentorAssignment_NeverRepeatsAPairWithinTheWindow()
    {
        var people = Population.Mentoring(300, 100, seed: 4);
        var history = Population.History(people, perPerson: 40, Teachers.Today, seed: 4);
        var round = MentorAssignment.Solve(people, Options(rules: new PairingRules { History = history }));
        var recent = history.Where(h => h.Date > Teachers.Today.AddDays(-180)).Select(h => Key(h.A, h.B)).ToHashSet();
        Assert.True(recent.Count > 1000);
        Assert.All(round.Pairs, p => Assert.DoesNotContain(Key(p.Mentee, p.Mentor), recent));
        Assert.NotEmpty(round.Pairs);
    }

    [Theory]
    [InlineData(179, false)]
    [InlineData(180, true)]
    [InlineData(400, true)]
    public void MentorAssignment_RepeatsAPairOnlyOnceTheWindowHasPassed(int daysAgo, bool paired)
    {
        var people = new[] { Teachers.Make("mentee", MentoringRole.Mentee), Teachers.Make("mentor", MentoringRole.Mentor, years: 12, capacity: 1) };
        var rules = new PairingRules { History = [new PastPairing("mentor", "mentee", Teachers.Today.AddDays(-daysAgo))] };
        var round = MentorAssignment.Solve(people, Options(rules: rules));
        Assert.Equal(paired, round.Pairs.Count == 1);
        if (!paired)
        {
            Assert.Contains("within the last 180 days", round.Unmatched.Single().Reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void MentorAssignment_NeverPairsABlockedPair_AndLeavesOutPausedMembers()
    {
        var people = new[]
        {
            Teachers.Make("ana", MentoringRole.Mentee),
            Teachers.Make("ben", MentoringRole.Mentor, years: 10, capacity: 2),
            Teachers.Make("cy", MentoringRole.Mentor, years: 10, subjects: "art", capacity: 2),
            Teachers.Make("dee", MentoringRole.Mentee),
        };
        var rules = new PairingRules { Blocked = [new BlockedPair("ben", "ana")], Paused = new HashSet<string> { "dee" } };
        var round = MentorAssignment.Solve(people, Options(rules: rules));
        Assert.Equal(("ana", "cy"), (round.Pairs.Single().Mentee, round.Pairs.Single().Mentor));
        Assert.Equal(1, round.Stats.Mentees);
    }

    [Fact]
    public void MentorAssignment_MatchesAsManyMenteesAsPossible_BeforeTheHighestScore()
    {
        // Ana fits Ben best, but giving Ben to Ana would leave Cal without anyone.
        var people = new[]
        {
            Teachers.Make("ana", MentoringRole.Mentee, focus: "sel"),
            Teachers.Make("cal", MentoringRole.Mentee, subjects: "art", grades: "k-2"),
            Teachers.Make("ben", MentoringRole.Mentor, years: 10, focus: "sel", capacity: 1),
            Teachers.Make("dia", MentoringRole.Mentor, years: 10, subjects: "science", grades: "9-12", capacity: 1),
        };
        var rules = new PairingRules { Blocked = [new BlockedPair("cal", "dia")] };
        var round = MentorAssignment.Solve(people, Options(rules: rules, mode: CandidateMode.All));
        Assert.Equal(2, round.Pairs.Count);
        Assert.Contains(round.Pairs, p => p is { Mentee: "cal", Mentor: "ben" });
    }

    [Fact]
    public void MentorAssignment_EqualsBruteForceOptimum_OnSmallPools()
    {
        var random = new Random(17);
        for (var trial = 0; trial < 150; trial++)
        {
            var people = Population.Peers(random.Next(2, 11), seed: trial)
                .Select(p => p with { Role = (MentoringRole)random.Next(3), Capacity = random.Next(1, 3) })
                .ToList();
            var blocked = people.SelectMany(a => people.Where(b => string.CompareOrdinal(a.Id, b.Id) < 0 && random.Next(4) == 0).Select(b => new BlockedPair(a.Id, b.Id))).ToList();
            var round = MentorAssignment.Solve(people, Options(seed: trial, rules: new PairingRules { Blocked = blocked }, mode: CandidateMode.All));

            var mentees = people.Where(p => p.WantsMentor).ToList();
            var mentors = people.Where(p => p.Mentors).ToList();
            var blockedKeys = blocked.Select(b => Key(b.A, b.B)).ToHashSet();
            var edges = new List<(int, int, int)>();
            for (var i = 0; i < mentees.Count; i++)
            {
                for (var r = 0; r < mentors.Count; r++)
                {
                    if (mentees[i].Id != mentors[r].Id && !blockedKeys.Contains(Key(mentees[i].Id, mentors[r].Id)))
                    {
                        edges.Add((i, r, (int)Math.Round(Compatibility.Score(mentees[i], mentors[r], PairingKind.Mentoring, Teachers.Today) * 100)));
                    }
                }
            }

            var expected = BruteForce.Assignment(mentees.Count, [.. mentors.Select(m => m.Capacity)], edges);
            Assert.Equal(expected, (round.Pairs.Count, (long)Math.Round(round.TotalScore * 100)));
        }
    }

    [Fact]
    public void MentorAssignment_IsDeterministicPerSeed_AndEquallyGoodAcrossSeeds()
    {
        var people = Population.Mentoring(400, 120, seed: 9);
        string Json(int seed) => JsonSerializer.Serialize(MentorAssignment.Solve(people, Options(seed)));
        Assert.Equal(Json(1), Json(1));
        var totals = new[] { 1, 2, 3 }.Select(s => MentorAssignment.Solve(people, Options(s)).Pairs.Count).Distinct();
        Assert.Single(totals);
    }

    [Fact]
    public void MentorAssignment_SparseCandidates_StayWithinATenthOfAPercentOfAllPairs()
    {
        var people = Population.Mentoring(1500, 450, seed: 21);
        var sparse = MentorAssignment.Solve(people, Options());
        var all = MentorAssignment.Solve(people, Options(mode: CandidateMode.All));
        Assert.Equal(all.Pairs.Count, sparse.Pairs.Count);
        Assert.True(sparse.TotalScore >= 0.999 * all.TotalScore, $"sparse {sparse.TotalScore} vs all {all.TotalScore}");
        Assert.True(sparse.Stats.CandidateEdges * 10 < all.Stats.CandidateEdges);
    }

    [Fact]
    public void MentorAssignment_SaysWhyAMenteeWasNotMatched()
    {
        var people = new[]
        {
            Teachers.Make("ana", MentoringRole.Mentee),
            Teachers.Make("bo", MentoringRole.Mentee, focus: "sel"),
            Teachers.Make("cy", MentoringRole.Mentor, years: 9, focus: "sel", capacity: 1),
        };
        var round = MentorAssignment.Solve(people, Options());
        Assert.Equal("every mentor who fits is already at capacity in this round", round.Unmatched.Single(u => u.Id == "ana").Reason);
        var none = MentorAssignment.Solve([people[0]], Options());
        Assert.Equal("no mentors are available in this round", none.Unmatched.Single().Reason);
    }

    [Fact]
    public void MentorRound_SerialisesInTheResultJsonShape()
    {
        var people = new[] { Teachers.Make("ana", MentoringRole.Mentee), Teachers.Make("ben", MentoringRole.Mentor, years: 9, capacity: 1) };
        var round = MentorAssignment.Solve(people, Options());
        using var json = JsonDocument.Parse(JsonSerializer.Serialize(round));
        var root = json.RootElement;
        Assert.Equal(["mode", "pairs", "unmatched", "totalScore", "stats"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("mentor", root.GetProperty("mode").GetString());
        var pair = root.GetProperty("pairs")[0];
        Assert.Equal(["mentee", "mentor", "score", "why"], pair.EnumerateObject().Select(p => p.Name));
        Assert.Equal(round.TotalScore, root.GetProperty("totalScore").GetDouble());
        Assert.Equal(1, root.GetProperty("stats").GetProperty("matched").GetInt32());
        Assert.Equal("ana", round.Edges.Single().A);
    }

    private static string Key(string a, string b) => string.CompareOrdinal(a, b) < 0 ? $"{a}|{b}" : $"{b}|{a}";
}
