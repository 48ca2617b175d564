using PeerBot.Matching.Candidates;
using PeerBot.Matching.Explanations;
using PeerBot.Matching.Profiles;
using PeerBot.Matching.Rounds;
using PeerBot.Matching.Scoring;
using PeerBot.Matching.Solvers;

namespace PeerBot.Matching.Pairing;

/// <summary>
/// A mentor pairing round: mentees (role mentee or both) to mentors (role mentor or both, within capacity) so that
/// as many mentees as possible get a mentor and, among those answers, the total compatibility is highest. Exact on
/// the candidate graph; the hard rules are applied while building it.
/// </summary>
public static class MentorAssignment
{
    /// <param name="toMentors">Also write each sentence as the mentor reads it alone (a proposal); a file for an operator needs only one.</param>
    public static MentorRound Solve(IReadOnlyList<TeacherProfile> people, RoundOptions options, bool toMentors = false)
    {
        var pool = new RoundPool(people, options);
        var mentees = Enumerable.Range(0, pool.Count).Where(i => pool.People[i].WantsMentor).ToArray();
        var mentors = Enumerable.Range(0, pool.Count).Where(i => pool.People[i].Mentors && pool.People[i].Capacity > 0).ToArray();
        var capacity = mentors.Select(m => pool.People[m].Capacity).ToArray();
        var scorer = pool.Scorer(PairingKind.Mentoring);
        var graph = MentorCandidates.Build(pool, scorer, mentees, mentors);
        var chosen = MinCostAssignment.Solve(graph, capacity, options.Seed);

        // Sentences are independent and the costliest part of the result, so they are written on all cores.
        var writer = new ExplanationWriter(pool.Features);
        var why = new string[mentees.Length];
        var whyToMentor = new string?[toMentors ? mentees.Length : 0];
        Parallel.For(0, mentees.Length, i =>
        {
            if (chosen[i] >= 0)
            {
                why[i] = writer.ForMentoring(mentees[i], mentors[graph.Right[chosen[i]]]);
                if (toMentors)
                {
                    whyToMentor[i] = writer.ForMentoring(mentees[i], mentors[graph.Right[chosen[i]]], toMentor: true);
                }
            }
        });

        var pairs = new List<MentorPair>();
        var unmatched = new List<UnmatchedMentee>();
        long total = 0;
        for (var i = 0; i < mentees.Length; i++)
        {
            var mentee = mentees[i];
            if (chosen[i] >= 0)
            {
                var mentor = mentors[graph.Right[chosen[i]]];
                var points = graph.Points[chosen[i]];
                total += points;
                pairs.Add(new MentorPair(pool.Ids[mentee], pool.Ids[mentor], points / 100.0, why[i]) { WhyToMentor = toMentors ? whyToMentor[i] : null });
            }
            else
            {
                unmatched.Add(new UnmatchedMentee(pool.Ids[mentee], Reason(pool, graph, i, mentee, mentors)));
            }
        }

        var stats = new MentorRoundStats
        {
            Mentees = mentees.Length,
            Mentors = mentors.Length,
            Seats = capacity.Sum(),
            Matched = pairs.Count,
            Unmatched = unmatched.Count,
            MeanScore = pairs.Count == 0 ? 0 : Math.Round(total / 100.0 / pairs.Count, 2),
            Candidates = options.Candidates == CandidateMode.All ? "all" : "sparse",
            CandidateEdges = graph.EdgeCount,
            ForbiddenPairs = pool.Forbidden.Count,
            RepeatWindowDays = options.Rules.RepeatWindowDays,
            Seed = options.Seed,
        };
        return new MentorRound(pairs, unmatched, total / 100.0, stats, Edges(pool, graph, mentees, mentors));
    }

    private static string Reason(RoundPool pool, BipartiteGraph graph, int local, int mentee, int[] mentors)
    {
        if (mentors.Length == 0)
        {
            return "no mentors are available in this round";
        }

        if (graph.Start[local + 1] > graph.Start[local])
        {
            return "every mentor who fits is already at capacity in this round";
        }

        return mentors.All(m => !pool.Forbidden.Allows(mentee, m))
            ? $"every available mentor was paired with them within the last {pool.Options.Rules.RepeatWindowDays} days or is blocked"
            : "no available mentor fits (no shared subject, grade or focus)";
    }

    private static ScoredEdgeList Edges(RoundPool pool, BipartiteGraph graph, int[] mentees, int[] mentors)
    {
        var a = new int[graph.EdgeCount];
        var b = new int[graph.EdgeCount];
        for (var i = 0; i < graph.Left; i++)
        {
            for (var e = graph.Start[i]; e < graph.Start[i + 1]; e++)
            {
                a[e] = mentees[i];
                b[e] = mentors[graph.Right[e]];
            }
        }

        return new ScoredEdgeList(pool.Ids, a, b, graph.Points);
    }
}
