using PeerBot.Matching.Rules;

namespace PeerBot.Matching.Tests.Rules;

public sealed class ForbiddenPairsTests
{
    private static readonly DateOnly Today = new(2026, 9, 14);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void EveryPairMetWithinTheWindowOrBlocked_IsForbidden_BothWays_AndNoOtherPairIs(int seed)
    {
        var random = new Random(seed);
        const int people = 60;
        var ids = Enumerable.Range(0, people).Select(i => $"P{i}").ToArray();
        var indexOf = ids.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
        // Pairs met several times, in both orders, some long ago; a few blocked (some also met); ids not in the pool; someone with themself.
        var history = Enumerable.Range(0, 400)
            .Select(_ => new PastPairing(ids[random.Next(people)], random.Next(20) == 0 ? "GONE" : ids[random.Next(people)], Today.AddDays(-random.Next(400))))
            .ToList();
        var blocked = Enumerable.Range(0, 30).Select(_ => new BlockedPair(ids[random.Next(people)], ids[random.Next(people)])).ToList();
        var rules = new PairingRules { History = history, Blocked = blocked };

        var forbidden = new ForbiddenPairs(indexOf, rules, Today);

        var expected = new HashSet<(int, int)>();
        void Expect(string a, string b)
        {
            if (indexOf.TryGetValue(a, out var i) && indexOf.TryGetValue(b, out var j) && i != j)
            {
                expected.Add((Math.Min(i, j), Math.Max(i, j)));
            }
        }

        foreach (var past in history.Where(p => rules.IsWithinWindow(p.Date, Today)))
        {
            Expect(past.A, past.B);
        }

        foreach (var block in blocked)
        {
            Expect(block.A, block.B);
        }

        Assert.Equal(expected.Count, forbidden.Count);
        for (var a = 0; a < people; a++)
        {
            var partners = Enumerable.Range(0, people).Where(b => expected.Contains((Math.Min(a, b), Math.Max(a, b)))).ToArray();
            Assert.Equal(partners, forbidden.PartnersOf(a).ToArray());
            for (var b = 0; b < people; b++)
            {
                Assert.Equal(a != b && !partners.Contains(b), forbidden.Allows(a, b));
            }
        }

        Assert.All(blocked.Where(x => x.A != x.B), x => Assert.True(forbidden.IsBlocked(indexOf[x.A], indexOf[x.B])));
        Assert.False(forbidden.IsBlocked(0, 1) && !blocked.Any(x => (x.A, x.B) is ("P0", "P1") or ("P1", "P0")));
    }

    [Fact]
    public void WithNoHistoryAndNoBlocks_EveryoneButThemselvesIsAllowed()
    {
        var forbidden = new ForbiddenPairs(new Dictionary<string, int> { ["A"] = 0, ["B"] = 1 }, new PairingRules(), Today);

        Assert.Equal(0, forbidden.Count);
        Assert.True(forbidden.Allows(0, 1));
        Assert.False(forbidden.Allows(1, 1));
        Assert.True(forbidden.PartnersOf(0).IsEmpty);
    }

    [Theory]
    [InlineData(1, 180)]
    [InlineData(2, 30)]
    [InlineData(3, 0)]
    public void AHistoryTable_ForbidsTheSamePairsAsTheSamePairingsInAList(int seed, int window)
    {
        // Dates on and around the window's edge, ids not in the pool, people with themselves, pairs met in both orders.
        var random = new Random(seed);
        const int people = 50;
        var ids = Enumerable.Range(0, people).Select(i => $"P{i}").ToArray();
        var indexOf = ids.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
        string Id() => random.Next(15) == 0 ? $"GONE{random.Next(3)}" : ids[random.Next(people)];
        var history = Enumerable.Range(0, 600)
            .Select(_ => new PastPairing(Id(), Id(), Today.AddDays(-window + random.Next(-3, 4) + (random.Next(4) == 0 ? -random.Next(400) : 0))))
            .ToList();
        var table = new PastPairingTable.Builder();
        foreach (var past in history)
        {
            table.Add(past.A, past.B, past.Date);
        }

        // Blocked pairs too, some of them also met: one list per person whichever way a pair came.
        var blocked = Enumerable.Range(0, 20).Select(_ => new BlockedPair(Id(), Id())).Concat(history.Take(5).Select(p => new BlockedPair(p.B, p.A))).ToList();
        var rules = new PairingRules { RepeatWindowDays = window, History = history, Blocked = blocked };

        var fromList = new ForbiddenPairs(indexOf, rules, Today);
        var fromTable = new ForbiddenPairs(indexOf, rules with { History = table.Build() }, Today);

        Assert.Equal(rules.History, table.Build());
        Assert.Equal(fromList.Count, fromTable.Count);
        Assert.InRange(fromList.Count, 100, 1000);
        for (var a = 0; a < people; a++)
        {
            Assert.Equal(fromList.PartnersOf(a).ToArray(), fromTable.PartnersOf(a).ToArray());
        }
    }

    [Fact]
    public void APairingTable_ReadsBackAsThePairingsAdded_EachIdOnce()
    {
        var table = new PastPairingTable.Builder();
        table.Add("A", "B", new DateOnly(2026, 1, 2));
        table.Add(table.Id("B"), table.Id("C"), new DateOnly(2025, 12, 31).DayNumber);
        table.Add("A", "C", DateOnly.MinValue);

        var built = table.Build();

        Assert.Equal([new PastPairing("A", "B", new DateOnly(2026, 1, 2)), new PastPairing("B", "C", new DateOnly(2025, 12, 31)), new PastPairing("A", "C", DateOnly.MinValue)], built);
        Assert.Equal(["A", "B", "C"], built.Ids);
        Assert.Same(built[0].B, built[1].A);
        Assert.Throws<ArgumentOutOfRangeException>(() => built[3]);
        Assert.Throws<ArgumentOutOfRangeException>(() => table.Add(0, 7, 0));
    }
}
