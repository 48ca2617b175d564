using System.Runtime.CompilerServices;
using PeerBot.Matching.Rounds;
using PeerBot.Matching.Scoring;
using PeerBot.Matching.Tests.Support;

namespace PeerBot.Matching.Tests.Scoring;

/// <summary>
/// A candidate search reads a candidate's pool index from the row it has just scored: the tie-break between equal
/// scores and the free-time words past the row's own three are found through it. A wrong index there would rank or
/// score someone as somebody else, so every row must hold its own index, also past the first 65,536 people (the index
/// is split over the row's spare bytes), and the row must stay one 64-byte line.
/// </summary>
public sealed class FeatureRowTests
{
    [Fact]
    public void EveryRow_HoldsItsOwnPoolIndex_AlsoPastThe65536thPerson()
    {
        var teacher = Teachers.Make("t", availability: "Mon 09:00-12:00, Wed 15:00-17:00");
        var people = Enumerable.Range(0, 70_000).Select(i => teacher with { Id = $"t{i}", Years = i % 40 }).ToList();
        var features = new RoundPool(people, new RoundOptions { Today = Teachers.Today }).Features;

        Assert.Equal(64, Unsafe.SizeOf<FeatureRow>());
        var wrong = Enumerable.Range(0, features.Count).Where(i => features.Rows[i].Person != i).Take(5).ToList();
        Assert.True(wrong.Count == 0, $"rows holding another index: {string.Join(", ", wrong.Select(i => $"{i} -> {features.Rows[i].Person}"))}");
    }
}
