using PeerBot.Matching.Candidates;
using PeerBot.Matching.Profiles;
using PeerBot.Matching.Rounds;
using PeerBot.Matching.Scoring;
using PeerBot.Matching.Tests.Support;

namespace PeerBot.Matching.Tests.Candidates;

public sealed class CandidateGraphTests
{
    [Theory]
    [InlineData(30, 20, 20, 15, 10, 5)]
    [InlineData(5, 5, 60, 10, 10, 10)]
    [InlineData(10, 50, 0, 30, 5, 5)]
    [InlineData(0, 0, 0, 40, 30, 30)]
    public void SparseCandidates_KeepEveryMenteesBestMentors_AndEveryMentorsBestMentees(
        double subject, double grade, double focus, double experience, double schedule, double school)
    {
        // A budget that covers everyone makes the sparse graph's top-k exact, so it can be checked against a full ranking;
        // the weights vary so that the search's early stop (nobody further on can beat the k-th best) is tried on each tier.
        var people = Population.Mentoring(240, 60, seed: 6);
        var weights = new CompatibilityWeights { Subject = subject, Grade = grade, Focus = focus, Experience = experience, Schedule = schedule, School = school };
        var options = new RoundOptions
        {
            Today = Teachers.Today,
            Weights = weights,
            Limits = new CandidateLimits { MenteeTopK = 4, MentorTopK = 5, ScanBudget = 1000 },
        };
        var pool = new RoundPool(people, options);
        var scorer = pool.Scorer(PairingKind.Mentoring);
        var mentees = Enumerable.Range(0, 240).ToArray();
        var mentors = Enumerable.Range(240, 60).ToArray();
        var graph = MentorCandidates.Build(pool, scorer, mentees, mentors);
        var edges = new HashSet<(int, int)>();
        for (var i = 0; i < graph.Left; i++)
        {
            for (var e = graph.Start[i]; e < graph.Start[i + 1]; e++)
            {
                edges.Add((i, graph.Right[e]));
                Assert.Equal(scorer.Points(mentees[i], mentors[graph.Right[e]]), graph.Points[e]);
                // A pair both sides picked is one edge: each mentee's mentors ascending, none twice.
                if (e > graph.Start[i])
                {
                    Assert.True(graph.Right[e] > graph.Right[e - 1], $"mentee {i}: mentor {graph.Right[e]} after {graph.Right[e - 1]}");
                }
            }
        }

        Assert.Equal(edges.Count, graph.EdgeCount);

        for (var i = 0; i < mentees.Length; i++)
        {
            var kth = mentors.Select(m => scorer.Points(mentees[i], m)).OrderDescending().ElementAt(3);
            Assert.All(Enumerable.Range(0, 60).Where(r => scorer.Points(mentees[i], mentors[r]) > kth), r => Assert.Contains((i, r), edges));
        }

        for (var r = 0; r < mentors.Length; r++)
        {
            var k = Math.Max(5, 2 * people[mentors[r]].Capacity);
            var kth = mentees.Select(m => scorer.Points(m, mentors[r])).OrderDescending().ElementAt(k - 1);
            Assert.All(Enumerable.Range(0, 240).Where(i => scorer.Points(mentees[i], mentors[r]) > kth), i => Assert.Contains((i, r), edges));
        }

        Assert.True(edges.Count < 240 * 60 / 3);
    }

    [Fact]
    public void SparseCandidates_GiveEvenAnUnusualProfileSomeone()
    {
        var people = Population.Mentoring(50, 20, seed: 2);
        people.Add(Teachers.Make("odd", MentoringRole.Mentee, subjects: "latin", grades: "higher-ed"));
        var pool = new RoundPool(people, new RoundOptions { Today = Teachers.Today });
        var graph = MentorCandidates.Build(pool, pool.Scorer(PairingKind.Mentoring), [.. Enumerable.Range(0, 50), 70], [.. Enumerable.Range(50, 20)]);
        Assert.Equal(10, graph.Start[51] - graph.Start[50]);
    }
}
