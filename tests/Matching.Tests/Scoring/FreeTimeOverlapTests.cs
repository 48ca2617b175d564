using System.Numerics;
using PeerBot.Matching.Rounds;
using PeerBot.Matching.Scoring;
using PeerBot.Matching.Tests.Support;

namespace PeerBot.Matching.Tests.Scoring;

/// <summary>
/// A row carries its first three free-time words and the slot table holds the rest: the overlap must count every
/// common free slot either way, for people free on one day as for people free on every day of the week.
/// </summary>
public sealed class FreeTimeOverlapTests
{
    [Fact]
    public void ScheduleOverlap_CountsEveryCommonFreeSlot_ForPeopleFreeOnFewAndOnManyWordsOfTheWeek()
    {
        // Only the overlap scores, one point per shared 15-minute slot (full at 60 slots), so points = shared slots.
        var weights = new CompatibilityWeights
        {
            Subject = 0, Grade = 0, Focus = 0, Experience = 0, School = 0, Schedule = 60, FullOverlapMinutes = 60 * 15,
        };
        var people = PopulationShape.Named("dense-availability").Generate(400, 3);
        var pool = new RoundPool(people, new RoundOptions { Today = Teachers.Today, Weights = weights });
        var scorer = pool.Scorer(PairingKind.Mentoring);
        var features = pool.Features;
        var manyWords = Enumerable.Range(0, pool.Count).Where(i => BitOperations.PopCount((uint)features.SlotMask[i]) > FeatureRow.InlineWords).ToArray();
        Assert.True(manyWords.Length > 50, $"only {manyWords.Length} people free on more than three words");

        var random = new Random(5);
        var checkedPairs = 0;
        for (var n = 0; n < 20_000; n++)
        {
            var a = random.Next(2) == 0 ? manyWords[random.Next(manyWords.Length)] : random.Next(pool.Count);
            var b = random.Next(pool.Count);
            if (features.SlotMask[a] == 0 || features.SlotMask[b] == 0)
            {
                continue;
            }

            var shared = 0;
            for (var w = 0; w < PoolFeatures.SlotWords; w++)
            {
                shared += BitOperations.PopCount(features.SlotsOf(a)[w] & features.SlotsOf(b)[w]);
            }

            Assert.Equal(Math.Min(shared, 60) * 100, scorer.Points(a, b));
            checkedPairs++;
        }

        Assert.True(checkedPairs > 10_000);
    }
}
