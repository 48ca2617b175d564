using PeerBot.Matching.Candidates;
using PeerBot.Matching.Rounds;
using PeerBot.Matching.Tests.Support;

namespace PeerBot.Matching.Tests.Candidates;

/// <summary>
/// A search walks a teacher's buckets in storage order from a seeded start, so who it meets first (and who a budget
/// cuts off) depends on each bucket holding exactly the people of that bucket, in ascending storage order.
/// </summary>
public sealed class CandidateIndexTests
{
    [Theory]
    [InlineData("state", 1)]
    [InlineData("5-flat-subjects", 2)]
    [InlineData("40-flat-subjects-6-zones", 3)]
    [InlineData("identical-profiles", 4)]
    public void EveryBucket_HoldsExactlyItsPeople_InStorageOrder(string shape, int seed)
    {
        var people = PopulationShape.Named(shape).Generate(900, seed);
        var pool = new RoundPool(people, new RoundOptions { Today = Teachers.Today });
        var members = Enumerable.Range(0, pool.Count).Where(i => i % 3 != 0).ToArray();
        var index = new CandidateIndex(pool.Features, members);

        var expected = new Dictionary<long, List<int>>();
        var keys = new List<long>();
        for (var at = 0; at < index.Count; at++)
        {
            Assert.Equal(members[index.LocalAt[at]], index.Person[at]);
            keys.Clear();
            for (var tier = 0; tier < CandidateIndex.Tiers; tier++)
            {
                CandidateIndex.AddKeys(pool.Features, index.Person[at], tier, keys);
            }

            foreach (var key in keys)
            {
                if (!expected.TryGetValue(key, out var list))
                {
                    expected[key] = list = [];
                }

                list.Add(at);
            }
        }

        Assert.True(expected.Count > 20, $"only {expected.Count} buckets");
        foreach (var (key, list) in expected)
        {
            Assert.True(index.TryGetPosting(key, out var posting), $"bucket {key:x} missing");
            Assert.Equal(list, posting);
        }

        // Nobody asks for a bucket nobody is in.
        Assert.False(index.TryGetPosting(long.MaxValue, out _));
    }
}
