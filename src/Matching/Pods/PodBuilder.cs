using System.Globalization;
using PeerBot.Matching.Candidates;
using PeerBot.Matching.Explanations;
using PeerBot.Matching.Profiles;
using PeerBot.Matching.Rounds;
using PeerBot.Matching.Scoring;

namespace PeerBot.Matching.Pods;

/// <summary>
/// A peer pods round ("find my pack"): everyone in the pool in a pod of <see cref="RoundOptions.PodSize"/>
/// (one more or fewer where the pool does not divide evenly), no recent or blocked pair sharing a pod, and high
/// total in-pod compatibility. Pairs are an exact maximum-cardinality, maximum-weight matching (greedy with augmenting
/// paths above <see cref="PodComposer.ExactLimit"/> people); larger pods are
/// pair-then-merge plus local improvement, or an exhaustive search in pools of ten or fewer.
/// </summary>
public static class PodBuilder
{
    public static PodRound Build(IReadOnlyList<TeacherProfile> people, RoundOptions options) =>
        Build(people, options, PodComposer.ExactLimit);

    /// <summary>As <see cref="Build(IReadOnlyList{TeacherProfile}, RoundOptions)"/>, with matchings above <paramref name="exactLimit"/> vertices made greedily.</summary>
    internal static PodRound Build(IReadOnlyList<TeacherProfile> people, RoundOptions options, int exactLimit)
    {
        var pool = new RoundPool(people, options);
        var scorer = pool.Scorer(PairingKind.Peer);
        var graph = PeerCandidates.Build(pool, scorer);
        var layout = new PodLayout(pool, scorer);
        var target = options.PodSize;
        int minimum = PodSizing.Minimum(pool.Count, target), maximum = PodSizing.Maximum(target);
        List<int> left;
        if (pool.Count <= SmallPoolSearch.MaxPeople)
        {
            left = SmallPoolSearch.Solve(layout, pool.Count, minimum, maximum, target);
        }
        else
        {
            PodComposer.Compose(layout, graph, pool.Count, target, options.Seed, exactLimit);
            left = new PodRepair(layout, graph, minimum, maximum, target, options.Seed).Run();
            if (target > 2)
            {
                new PodImprover(layout, graph, minimum, maximum, target).Run(SeededHash.Permutation(pool.Count, options.Seed));
            }
        }

        var writer = new ExplanationWriter(pool.Features);
        var groups = layout.Pods.Where(p => p.Count >= 2).Select(p => p.Order().ToList()).OrderBy(p => p[0]).ToList();
        var why = new string[groups.Count];
        Parallel.For(0, groups.Count, g => why[g] = writer.ForPeers(groups[g]));
        var pods = new List<Pod>();
        var sizes = new SortedDictionary<int, int>();
        long pairPoints = 0, pairs = 0;
        double total = 0;
        for (var g = 0; g < groups.Count; g++)
        {
            var members = groups[g];
            var points = layout.InPodPoints(members);
            var count = members.Count * (members.Count - 1) / 2;
            var score = Math.Round(points / 100.0 / count, 2);
            pairPoints += points;
            pairs += count;
            total += score;
            sizes[members.Count] = sizes.GetValueOrDefault(members.Count) + 1;
            pods.Add(new Pod([.. members.Select(m => pool.Ids[m])], score, why[g]));
        }

        var unplaced = left.Order().Select(p => new UnplacedPeer(pool.Ids[p], Reason(pool, p))).ToList();
        var stats = new PodRoundStats
        {
            People = pool.Count,
            Pods = pods.Count,
            PodSize = target,
            Sizes = sizes.ToDictionary(kv => kv.Key.ToString(CultureInfo.InvariantCulture), kv => kv.Value),
            Placed = pool.Count - unplaced.Count,
            Unplaced = unplaced.Count,
            MeanPairScore = pairs == 0 ? 0 : Math.Round(pairPoints / 100.0 / pairs, 2),
            Candidates = options.Candidates == CandidateMode.All ? "all" : "sparse",
            CandidateEdges = graph.EdgeCount,
            ForbiddenPairs = pool.Forbidden.Count,
            RepeatWindowDays = options.Rules.RepeatWindowDays,
            Seed = options.Seed,
        };
        return new PodRound(pods, unplaced, Math.Round(total, 2), stats, new ScoredEdgeList(pool.Ids, graph.A, graph.B, graph.Points));
    }

    private static string Reason(RoundPool pool, int person)
    {
        if (pool.Count == 1)
        {
            return "the only person in the pool";
        }

        var allowed = Enumerable.Range(0, pool.Count).Count(other => pool.Forbidden.Allows(person, other));
        return allowed == 0
            ? $"everyone else in the pool was paired with them within the last {pool.Options.Rules.RepeatWindowDays} days or is blocked"
            : $"every pod with room has someone they were paired with within the last {pool.Options.Rules.RepeatWindowDays} days or blocked";
    }
}
