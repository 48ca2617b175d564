using PeerBot.Matching.Candidates;
using PeerBot.Matching.Profiles;
using PeerBot.Matching.Rounds;
using PeerBot.Matching.Rules;
using PeerBot.Matching.Scoring;
using PeerBot.Matching.Tests.Support;

namespace PeerBot.Matching.Tests.Candidates;

/// <summary>
/// The candidate search stops early and skips work on people who cannot reach a query's k-th best (its own bounds on
/// experience, schedule and school, and a free-time overlap counted only when it could matter). Whatever it skips, each
/// person's list must be exactly the one the plain search finds: same budget, same walk, every scanned profile scored.
/// </summary>
public sealed class CandidateSearchBoundTests
{
    public static TheoryData<string, int> Shapes() => new()
    {
        { "state", 1 },
        { "5-flat-subjects", 2 },
        { "mentors-50%", 3 },
        { "mentors-5%", 4 },
        { "identical-profiles", 5 },
        { "sparse-availability", 6 },
        { "dense-availability", 7 },
        { "many-small-schools", 8 },
        { "40-flat-subjects-6-zones", 9 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void BoundedSearch_FindsExactlyWhatThePlainSearchFinds_OnRandomPopulationsOfEachShape(string shape, int seed)
    {
        var random = new Random(seed);
        for (var trial = 0; trial < 12; trial++)
        {
            var people = PopulationShape.Named(shape).Generate(random.Next(150, 700), random.Next());
            var options = new RoundOptions
            {
                Today = Teachers.Today,
                Seed = random.Next(),
                Weights = RandomWeights(random),
                Limits = new CandidateLimits { MenteeTopK = random.Next(1, 13), MentorTopK = random.Next(1, 13), PeerTopK = 1, ScanBudget = random.Next(12, 400) },
                Rules = new PairingRules { Blocked = RandomBlocks(people, random) },
            };
            var pool = new RoundPool(people, options);
            var kind = random.Next(4) == 0 ? PairingKind.Peer : PairingKind.Mentoring;
            var scorer = pool.Scorer(kind);
            var mentees = Enumerable.Range(0, pool.Count).Where(i => pool.People[i].WantsMentor).ToArray();
            var mentors = Enumerable.Range(0, pool.Count).Where(i => pool.People[i].Mentors).ToArray();
            foreach (var (queries, members, k, queryIsFirst) in new[]
            {
                (mentees, mentors, options.Limits.MenteeTopK, true),
                (mentors, mentees, options.Limits.MentorTopK, false),
            })
            {
                var index = new CandidateIndex(pool.Features, members);
                var found = CandidateSearch.Run(pool, scorer, queries, index, _ => k, queryIsFirst, options.Seed);
                for (var qi = 0; qi < queries.Length; qi++)
                {
                    var expected = PlainSearch(pool, scorer, index, queries[qi], k, queryIsFirst, options.Seed);
                    var actual = Enumerable.Range(0, found.Count[qi])
                        .Select(r => (found.Item[(qi * found.Stride) + r], found.Points[(qi * found.Stride) + r]))
                        .ToList();
                    Assert.True(
                        expected.SequenceEqual(actual),
                        $"{shape}, trial {trial}, {kind}, query {pool.Ids[queries[qi]]} (budget {options.Limits.ScanBudget}, k {k}): "
                        + $"plain [{string.Join(", ", expected)}] but bounded [{string.Join(", ", actual)}]");
                }
            }
        }
    }

    /// <summary>
    /// A search thread marks whom it has scored with a one-byte stamp and clears its stamps once every 255 queries. A
    /// teacher asked first and again as the 256th query of the same thread (another teacher's 254 queries between) gets the
    /// same candidates both times: no stamp left from 255 queries ago hides anyone.
    /// </summary>
    [Fact]
    public void BoundedSearch_GivesTheSameCandidates_ToAQueryRepeatedAfterTheStampsWrap()
    {
        var people = PopulationShape.Named("state").Generate(1500, 11);
        var options = new RoundOptions { Today = Teachers.Today, Seed = 5, Limits = new CandidateLimits { MenteeTopK = 6, MentorTopK = 6, ScanBudget = 60 } };
        var pool = new RoundPool(people, options);
        var scorer = pool.Scorer(PairingKind.Mentoring);
        var mentees = Enumerable.Range(0, pool.Count).Where(i => pool.People[i].WantsMentor).ToArray();
        var index = new CandidateIndex(pool.Features, Enumerable.Range(0, pool.Count).Where(i => pool.People[i].Mentors).ToArray());
        var first = mentees[0];
        var expected = PlainSearch(pool, scorer, index, first, 6, true, options.Seed);

        foreach (var other in mentees.Skip(1).Take(150))
        {
            // One chunk of 256 queries is one thread's: marks 1…255, then the wrap, then mark 1 again for the last query.
            int[] queries = [first, .. Enumerable.Repeat(other, 254), first];
            var found = CandidateSearch.Run(pool, scorer, queries, index, _ => 6, queryIsFirst: true, options.Seed);
            var again = Enumerable.Range(0, found.Count[255]).Select(r => (found.Item[(255 * found.Stride) + r], found.Points[(255 * found.Stride) + r]));
            Assert.True(expected.SequenceEqual(again), $"after {pool.Ids[other]}'s queries: plain [{string.Join(", ", expected)}] but [{string.Join(", ", again)}]");
        }
    }

    [Fact]
    public void PointsAtLeast_IsThePairsPoints_WheneverTheyReachTheFloor_AndBelowItOtherwise()
    {
        var random = new Random(11);
        var people = PopulationShape.Named("dense-availability").Generate(300, 4);
        var pool = new RoundPool(people, new RoundOptions { Today = Teachers.Today, Weights = RandomWeights(random) with { Schedule = 40 } });
        var scorer = pool.Scorer(PairingKind.Mentoring);
        var rows = pool.Features.Rows;
        for (var n = 0; n < 20_000; n++)
        {
            var (a, b) = (random.Next(pool.Count), random.Next(pool.Count));
            var points = scorer.Points(a, b);
            var floor = points + random.Next(-600, 600);
            var atLeast = scorer.PointsAtLeast(floor, a, in rows[a], pool.Features.SlotsOf(a), b, in rows[b], pool.Features.SlotsOf(b));
            Assert.True(points >= floor ? atLeast == points : atLeast < floor, $"points {points}, floor {floor}, got {atLeast}");
        }
    }

    [Theory]
    [InlineData("dense-availability", PairingKind.Mentoring, 4)]
    [InlineData("state", PairingKind.Mentoring, 5)]
    [InlineData("40-flat-subjects-6-zones", PairingKind.Peer, 6)]
    public void QueryPointsAtLeast_IsThePairsPoints_FromEitherSide_WheneverTheyReachTheFloor(string shape, PairingKind kind, int seed)
    {
        // The search scores a candidate from the query's side: the query's whole free-time table, the candidate's row.
        var random = new Random(seed);
        var people = PopulationShape.Named(shape).Generate(300, seed);
        var pool = new RoundPool(people, new RoundOptions { Today = Teachers.Today, Weights = RandomWeights(random) with { Schedule = 40 } });
        var scorer = pool.Scorer(kind);
        var features = pool.Features;
        var rows = features.Rows;
        for (var n = 0; n < 20_000; n++)
        {
            var (a, b) = (random.Next(pool.Count), random.Next(pool.Count));
            var points = scorer.Points(a, b);
            var floor = n % 4 == 0 ? int.MinValue : points + random.Next(-600, 600);
            var asFirst = scorer.QueryPointsAtLeast(floor, true, a, in rows[a], features.SlotsOf(a), b, in rows[b], features.SlotsOf(b));
            var asSecond = scorer.QueryPointsAtLeast(floor, false, b, in rows[b], features.SlotsOf(b), a, in rows[a], features.SlotsOf(a));
            Assert.True(points >= floor ? asFirst == points : asFirst < floor, $"{a} asking for {b}: points {points}, floor {floor}, got {asFirst}");
            Assert.True(points >= floor ? asSecond == points : asSecond < floor, $"{b} asking for {a}: points {points}, floor {floor}, got {asSecond}");
        }
    }

    /// <summary>The search without any bound of its own: the closest buckets outwards, every scanned profile fully scored.</summary>
    private static List<(int Item, int Points)> PlainSearch(
        RoundPool pool, CompatibilityScorer scorer, CandidateIndex index, int q, int k, bool queryIsFirst, int seed)
    {
        var seen = new HashSet<int>();
        for (var at = 0; at < index.Count; at++)
        {
            if (index.Person[at] == q || !pool.Forbidden.Allows(q, index.Person[at]))
            {
                seen.Add(at);
            }
        }

        // The only stop: nobody first met from this tier on can score more than the k-th best, whoever the query is.
        int[] most =
        [
            scorer.MostPoints(subject: true, grade: true, focus: true),
            scorer.MostPoints(subject: true, grade: true, focus: false),
            scorer.MostPoints(subject: true, grade: false, focus: true),
            scorer.MostPoints(subject: false, grade: true, focus: true),
            scorer.MostPoints(subject: false, grade: false, focus: true),
        ];
        var budget = pool.Options.Limits.ScanBudget;
        var scanned = 0;
        var top = new List<(long Key, int Item)>();
        int Threshold() => top.Count == k ? (int)(top[^1].Key >> 32) : -1;
        bool MayGoOn(int tier) => scanned < budget && most.Skip(tier).Max() >= Threshold();

        void Scan(int[]? posting, int length)
        {
            var pos = length == 0 ? 0 : (int)(SeededHash.Of(seed, q, length) % (ulong)length);
            for (var i = 0; i < length && scanned < budget; i++, pos = (pos + 1) % length)
            {
                var at = posting is null ? pos : posting[pos];
                if (!seen.Add(at))
                {
                    continue;
                }

                scanned++;
                var t = index.Person[at];
                var points = queryIsFirst ? scorer.Points(q, t) : scorer.Points(t, q);
                var key = ((long)points << 32) | (uint)SeededHash.Of(seed, Math.Min(q, t), Math.Max(q, t));
                if (top.Count < k || key > top[^1].Key)
                {
                    // After every key at least as high: among equal keys the first offered stays ahead.
                    top.Insert(top.Count(x => x.Key >= key), (key, index.LocalAt[at]));
                    if (top.Count > k)
                    {
                        top.RemoveAt(k);
                    }
                }
            }
        }

        var keys = new List<long>();
        for (var tier = 0; tier < CandidateIndex.Tiers && MayGoOn(tier); tier++)
        {
            keys.Clear();
            CandidateIndex.AddKeys(pool.Features, q, tier, keys);
            foreach (var key in keys)
            {
                if (MayGoOn(tier) && index.TryGetPosting(key, out var posting))
                {
                    Scan(posting, posting.Length);
                }
            }
        }

        if (MayGoOn(CandidateIndex.Tiers))
        {
            Scan(null, index.Count);
        }

        return [.. top.Select(x => (x.Item, (int)(x.Key >> 32)))];
    }

    private static CompatibilityWeights RandomWeights(Random random)
    {
        int Weight() => random.Next(4) == 0 ? 0 : random.Next(1, 40);
        var min = random.Next(1, 6);
        var max = min + random.Next(0, 12);
        return new CompatibilityWeights
        {
            Subject = Weight(),
            Grade = Weight(),
            Focus = Weight(),
            Experience = Weight(),
            Schedule = Weight(),
            School = Weight() + 1,
            SchoolPreference = (SchoolPreference)random.Next(3),
            IdealGapMinYears = min,
            IdealGapMaxYears = max,
            MaxUsefulGapYears = max + random.Next(1, 20),
            PeerGapYears = random.Next(1, 15),
            FullOverlapMinutes = 15 * random.Next(1, 12),
        };
    }

    private static List<BlockedPair> RandomBlocks(List<TeacherProfile> people, Random random) =>
        [.. Enumerable.Range(0, people.Count).Select(_ => new BlockedPair(people[random.Next(people.Count)].Id, people[random.Next(people.Count)].Id))];
}
