using System.Text.Json;
using PeerBot.Matching.Candidates;
using PeerBot.Matching.Pairing;
using PeerBot.Matching.Rounds;
using PeerBot.Matching.Rules;
using PeerBot.Matching.Scoring;
using PeerBot.Matching.Solvers;
using PeerBot.Matching.Tests.Solvers;
using PeerBot.Matching.Tests.Support;

namespace PeerBot.Matching.Tests.Pairing;

/// <summary>Every roster shape the benchmark reports, at a size the blossom matching checks: exact and deterministic.</summary>
public sealed class PopulationShapeTests
{
    public static TheoryData<string> Shapes => [.. PopulationShape.Family.Select(s => s.Name)];

    private static RoundOptions Options(PopulationShape shape, IReadOnlyList<PeerBot.Matching.Profiles.TeacherProfile> people, int seed) => new()
    {
        Today = Teachers.Today,
        Seed = seed,
        Rules = new PairingRules { History = shape.HistoryPerPerson == 0 ? [] : Population.History(people, shape.HistoryPerPerson, Teachers.Today, seed) },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void MentorSolver_OnEveryShape_ReachesTheBlossomOptimum_UnderEverySchedule(string name)
    {
        var shape = PopulationShape.Named(name);
        for (var seed = 1; seed <= 3; seed++)
        {
            var people = shape.Generate(260, seed);
            var pool = new RoundPool(people, Options(shape, people, seed));
            var mentees = Enumerable.Range(0, pool.Count).Where(i => pool.People[i].WantsMentor).ToArray();
            var mentors = Enumerable.Range(0, pool.Count).Where(i => pool.People[i].Mentors && pool.People[i].Capacity > 0).ToArray();
            var capacity = mentors.Select(m => pool.People[m].Capacity).ToArray();
            var graph = MentorCandidates.Build(pool, pool.Scorer(PairingKind.Mentoring), mentees, mentors);
            var expected = MinCostAssignmentTests.BlossomOptimum(graph, capacity);
            Assert.True(expected.Count > 0, $"{name}: the shape gives the solver something to do");

            // The default schedule, every unit in phases, and every unit one by one.
            foreach (var crowded in new[] { Transportation.CrowdedSearch, 0, int.MaxValue })
            {
                var chosen = MinCostAssignment.Solve(graph, capacity, seed, crowded);
                Assert.All(chosen.Where(e => e >= 0).GroupBy(e => graph.Right[e]), g => Assert.True(g.Count() <= capacity[g.Key]));
                Assert.Equal(expected, (chosen.Count(e => e >= 0), chosen.Where(e => e >= 0).Sum(e => (long)graph.Points[e])));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void MentorRound_OnEveryShape_IsTheSameForTheSameSeed(string name)
    {
        var shape = PopulationShape.Named(name);
        var people = shape.Generate(400, seed: 7);
        var first = MentorAssignment.Solve(people, Options(shape, people, 11));
        var again = MentorAssignment.Solve([.. people], Options(shape, people, 11));

        Assert.NotEmpty(first.Pairs);
        Assert.Equal(JsonSerializer.Serialize(first.Pairs), JsonSerializer.Serialize(again.Pairs));
    }

    [Fact]
    public void IdenticalProfilesShape_HasHeavyScoreTies()
    {
        // The shape is there to try the solver on many equal optima: most of its candidate pairs share a few scores.
        var people = PopulationShape.Named("identical-profiles").Generate(400, seed: 1);
        var round = MentorAssignment.Solve(people, new RoundOptions { Today = Teachers.Today });
        var scores = round.Edges.Select(e => e.Score).ToList();
        Assert.True(scores.Distinct().Count() * 20 < scores.Count, $"{scores.Distinct().Count()} distinct scores on {scores.Count} edges");
    }
}
