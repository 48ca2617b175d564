using System.Text.Json;
using PeerBot.Matching.Pods;
using PeerBot.Matching.Profiles;
using PeerBot.Matching.Rounds;
using PeerBot.Matching.Rules;
using PeerBot.Matching.Scoring;
using PeerBot.Matching.Solvers;
using PeerBot.Matching.Tests.Support;

namespace PeerBot.Matching.Tests.Pods;

public sealed class PodBuilderTests
{
    private static RoundOptions Options(int size, int seed = 0, PairingRules? rules = null, CandidateMode mode = CandidateMode.Sparse) =>
        new() { Today = Teachers.Today, PodSize = size, Seed = seed, Rules = rules ?? new PairingRules(), Candidates = mode };

    public static TheoryData<int, int> Pools() => new()
    {
        { 2, 2 }, { 3, 2 }, { 7, 2 }, { 101, 2 }, { 2, 3 }, { 4, 3 }, { 5, 3 }, { 11, 3 }, { 100, 3 }, { 301, 3 },
        { 2, 4 }, { 3, 4 }, { 5, 4 }, { 6, 4 }, { 7, 4 }, { 9, 4 }, { 10, 4 }, { 102, 4 }, { 403, 4 },
    };

    [Theory]
    [MemberData(nameof(Pools))]
    public void PodBuilder_PlacesEveryone_InPodsWithinOneOfTheTargetSize(int people, int size)
    {
        var pool = Population.Peers(people, seed: people + size);

        // A few past pairings each: in a large pool they only rule out some partners.
        var history = people >= 100 ? Population.History(pool, perPerson: 3, Teachers.Today, seed: people) : [];
        var round = PodBuilder.Build(pool, Options(size, rules: new PairingRules { History = history }));
        var placed = round.Pods.SelectMany(p => p.Members).ToList();
        Assert.Empty(round.Unplaced);
        Assert.Equal(pool.Select(p => p.Id).Order(), placed.Order());
        var (minimum, maximum) = people < size - 1 ? (people, people) : (size == 2 ? 2 : size - 1, size + 1);
        Assert.All(round.Pods, p => Assert.InRange(p.Members.Count, minimum, maximum));
        Assert.Equal(PodSizing.PodCount(people, size), round.Pods.Count);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void PodBuilder_NeverPutsARecentPairInOnePod(int size)
    {
        var pool = Population.Peers(500, seed: size);
        var history = Population.History(pool, perPerson: 30, Teachers.Today, seed: size);
        var round = PodBuilder.Build(pool, Options(size, rules: new PairingRules { History = history }));
        var recent = history.Where(h => h.Date > Teachers.Today.AddDays(-180)).Select(h => Key(h.A, h.B)).ToHashSet();
        Assert.True(recent.Count > 5000);
        foreach (var pod in round.Pods)
        {
            for (var i = 0; i < pod.Members.Count; i++)
            {
                for (var j = i + 1; j < pod.Members.Count; j++)
                {
                    Assert.DoesNotContain(Key(pod.Members[i], pod.Members[j]), recent);
                }
            }
        }

        Assert.Equal(500, round.Stats.Placed);
    }

    [Fact]
    public void PodBuilder_ReportsSomeoneWithNoAllowedPartner_InsteadOfDroppingThem()
    {
        var pool = Population.Peers(9, seed: 1);
        var loner = pool[0].Id;
        var blocked = pool.Skip(1).Select(p => new BlockedPair(loner, p.Id)).ToList();
        var round = PodBuilder.Build(pool, Options(3, rules: new PairingRules { Blocked = blocked }));
        var unplaced = Assert.Single(round.Unplaced);
        Assert.Equal(loner, unplaced.Id);
        Assert.Contains("everyone else in the pool", unplaced.Reason, StringComparison.Ordinal);
        Assert.Equal(8, round.Pods.Sum(p => p.Members.Count));
    }

    [Fact]
    public void PodBuilder_PlacesEveryone_WheneverTheRulesAllowIt_InSmallPoolsWithManyBlocks()
    {
        var random = new Random(3);
        var possible = 0;
        for (var trial = 0; trial < 300; trial++)
        {
            var size = random.Next(2, 5);
            var n = random.Next(4, 10);
            var pool = Population.Peers(n, seed: 1000 + trial);
            var blocked = new List<BlockedPair>();
            var allowed = new bool[n, n];
            for (var a = 0; a < n; a++)
            {
                for (var b = a + 1; b < n; b++)
                {
                    var block = random.Next(4) == 0;
                    allowed[a, b] = allowed[b, a] = !block;
                    if (block)
                    {
                        blocked.Add(new BlockedPair(pool[a].Id, pool[b].Id));
                    }
                }
            }

            int minimum = size == 2 ? 2 : size - 1, maximum = size + 1;
            if (!BruteForce.CanPartition(n, allowed, minimum, maximum))
            {
                continue;
            }

            possible++;
            var round = PodBuilder.Build(pool, Options(size, seed: trial, rules: new PairingRules { Blocked = blocked }));
            Assert.True(round.Unplaced.Count == 0, $"trial {trial}: n {n} size {size} left {string.Join(",", round.Unplaced.Select(u => u.Id))}");
            Assert.All(round.Pods, p => Assert.InRange(p.Members.Count, minimum, maximum));
        }

        Assert.True(possible > 100);
    }

    [Fact]
    public void PodBuilder_LeavesOutPausedMembers()
    {
        var pool = Population.Peers(12, seed: 2);
        var round = PodBuilder.Build(pool, Options(3, rules: new PairingRules { Paused = new HashSet<string> { pool[3].Id } }));
        Assert.DoesNotContain(pool[3].Id, round.Pods.SelectMany(p => p.Members));
        Assert.Equal(11, round.Stats.People);
    }

    [Fact]
    public void PodBuilder_IsDeterministicPerSeed()
    {
        var pool = Population.Peers(300, seed: 8);
        string Json(int seed) => JsonSerializer.Serialize(PodBuilder.Build(pool, Options(4, seed)));
        Assert.Equal(Json(5), Json(5));
    }

    [Fact]
    public void PodBuilder_Pairs_EqualTheBruteForceOptimum_OnPoolsJustAboveTheExhaustiveSearch()
    {
        // Eleven to fourteen people: pairs come from the blossom matching, not from the small-pool search.
        var random = new Random(5);
        var checkedPools = 0;
        for (var trial = 0; trial < 60; trial++)
        {
            var n = 2 * random.Next(6, 8);
            var pool = Population.Peers(n, seed: 100 + trial);
            var blocked = new List<BlockedPair>();
            var edges = new List<WeightedEdge>();
            for (var a = 0; a < n; a++)
            {
                for (var b = a + 1; b < n; b++)
                {
                    if (random.Next(3) == 0)
                    {
                        blocked.Add(new BlockedPair(pool[a].Id, pool[b].Id));
                    }
                    else
                    {
                        edges.Add(new(a, b, (long)Math.Round(Compatibility.Score(pool[a], pool[b], PairingKind.Peer, Teachers.Today) * 100)));
                    }
                }
            }

            var (count, weight) = BruteForce.GeneralMatching(n, edges);
            if (count * 2 != n)
            {
                // Without a perfect matching some pod grows past two, so the pairs are not a matching to compare.
                continue;
            }

            var round = PodBuilder.Build(pool, Options(2, seed: trial, rules: new PairingRules { Blocked = blocked }, mode: CandidateMode.All));
            Assert.All(round.Pods, p => Assert.Equal(2, p.Members.Count));
            Assert.Equal(weight, (long)Math.Round(round.TotalScore * 100));
            checkedPools++;
        }

        Assert.True(checkedPools > 20);
    }

    [Fact]
    public void PodBuilder_LargerPods_ScoreWellAboveRandomGroups()
    {
        var pool = Population.Peers(400, seed: 12);
        var round = PodBuilder.Build(pool, Options(4));
        var random = new Random(1);
        var shuffled = pool.OrderBy(_ => random.Next()).ToList();
        double randomTotal = 0;
        for (var i = 0; i + 3 < shuffled.Count; i += 4)
        {
            var pod = shuffled.Skip(i).Take(4).ToList();
            randomTotal += PairMean(pod);
        }

        Assert.True(round.Stats.MeanPairScore > 1.3 * randomTotal / (shuffled.Count / 4), $"{round.Stats.MeanPairScore} vs random {randomTotal / 100}");
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void PodBuilder_OnAPoolTooLargeForTheExactMatching_StillPlacesEveryone_AwayFromRecentPairs_WellAboveRandomGroups(int size)
    {
        // A state-sized pool makes its matchings greedily; an exact limit of zero takes that path on 600 people.
        var pool = Population.Peers(600, seed: 30 + size);
        var history = Population.History(pool, perPerson: 10, Teachers.Today, seed: size);
        var options = Options(size, rules: new PairingRules { History = history });
        var round = PodBuilder.Build(pool, options, exactLimit: 0);
        Assert.Empty(round.Unplaced);
        Assert.Equal(pool.Select(p => p.Id).Order(), round.Pods.SelectMany(p => p.Members).Order());
        Assert.All(round.Pods, p => Assert.InRange(p.Members.Count, size == 2 ? 2 : size - 1, size + 1));
        var recent = history.Where(h => h.Date > Teachers.Today.AddDays(-180)).Select(h => Key(h.A, h.B)).ToHashSet();
        Assert.All(round.Pods, p => Assert.All(
            p.Members.SelectMany((m, i) => p.Members.Skip(i + 1).Select(o => Key(m, o))),
            pair => Assert.DoesNotContain(pair, recent)));

        var exact = PodBuilder.Build(pool, options);
        Assert.True(round.Stats.MeanPairScore >= 0.97 * exact.Stats.MeanPairScore, $"greedy {round.Stats.MeanPairScore} vs exact {exact.Stats.MeanPairScore}");
        var random = new Random(2);
        var shuffled = pool.OrderBy(_ => random.Next()).ToList();
        var randomMean = Enumerable.Range(0, shuffled.Count / size).Average(g => PairMean(shuffled.Skip(g * size).Take(size).ToList()));
        Assert.True(round.Stats.MeanPairScore > 1.3 * randomMean, $"{round.Stats.MeanPairScore} vs random {randomMean}");
        Assert.Equal(JsonSerializer.Serialize(round), JsonSerializer.Serialize(PodBuilder.Build(pool, options, exactLimit: 0)));
    }

    [Theory]
    [InlineData(10, 3, 3)]
    [InlineData(11, 3, 4)]
    [InlineData(9, 4, 2)]
    [InlineData(10, 4, 3)]
    [InlineData(11, 4, 3)]
    [InlineData(7, 2, 3)]
    [InlineData(3, 4, 1)]
    [InlineData(1, 3, 0)]
    public void PodSizing_SplitsAPoolIntoPodsAtMostOneOffTheTarget(int people, int size, int pods) =>
        Assert.Equal(pods, PodSizing.PodCount(people, size));

    [Fact]
    public void PodRound_SerialisesInTheResultJsonShape()
    {
        var round = PodBuilder.Build(Population.Peers(7, seed: 4), Options(3));
        using var json = JsonDocument.Parse(JsonSerializer.Serialize(round));
        Assert.Equal(["mode", "pods", "unplaced", "totalScore", "stats"], json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal("pods", json.RootElement.GetProperty("mode").GetString());
        Assert.Equal(["members", "score", "why"], json.RootElement.GetProperty("pods")[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal(1, json.RootElement.GetProperty("stats").GetProperty("sizes").GetProperty("4").GetInt32());
    }

    private static double PairMean(List<TeacherProfile> pod)
    {
        double sum = 0;
        var pairs = 0;
        for (var i = 0; i < pod.Count; i++)
        {
            for (var j = i + 1; j < pod.Count; j++)
            {
                sum += Compatibility.Score(pod[i], pod[j], PairingKind.Peer, Teachers.Today);
                pairs++;
            }
        }

        return sum / pairs;
    }

    private static string Key(string a, string b) => string.CompareOrdinal(a, b) < 0 ? $"{a}|{b}" : $"{b}|{a}";
}
