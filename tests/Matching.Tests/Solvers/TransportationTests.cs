using PeerBot.Matching.Solvers;

namespace PeerBot.Matching.Tests.Solvers;

public sealed class TransportationTests
{
    [Theory]
    [InlineData(0, Transportation.Window)]
    [InlineData(Transportation.CrowdedSearch, Transportation.Window)]
    [InlineData(int.MaxValue, Transportation.Window)]
    [InlineData(Transportation.CrowdedSearch, 1)]
    [InlineData(int.MaxValue, 1)]
    [InlineData(int.MaxValue, 2)]
    public void Transportation_EqualsEveryWayToPlaceTheUnits_WithTiesCapacitiesEmptyRowsAndMoreSupplyThanRoom(int crowdedSearch, int window)
    {
        // Costs of three kinds: a few levels (many equal optima), points-sized, and above 2^31 (sorted by comparison).
        // A window of 1 or 2 units makes the solve re-size its batches every few rows, so even five rows go in batches of 2 and 4.
        var random = new Random((crowdedSearch % 1000) + (window % Transportation.Window));
        for (var trial = 0; trial < 1500; trial++)
        {
            var rows = random.Next(1, 6);
            var columns = random.Next(1, 5);
            var supply = Enumerable.Range(0, rows).Select(_ => random.Next(0, 3)).ToArray();
            var capacity = Enumerable.Range(0, columns).Select(_ => random.Next(0, 4)).ToArray();
            var maxCost = (trial % 3) switch { 0 => 3L, 1 => 10_000L, _ => 1L << 40 };
            var start = new int[rows + 1];
            var column = new List<int>();
            var cost = new List<long>();
            for (var r = 0; r < rows; r++)
            {
                // Some rows have no edge at all; a row may have two edges to one column.
                var degree = column.Count + random.Next(0, 4) > 12 ? 0 : random.Next(0, 4);
                for (var d = 0; d < degree; d++)
                {
                    column.Add(random.Next(columns));
                    cost.Add(random.NextInt64(maxCost + 1));
                }

                start[r + 1] = column.Count;
            }

            var used = new Transportation(start, [.. column], [.. cost], capacity)
                .Solve(supply, [.. Enumerable.Range(0, rows).OrderBy(_ => random.Next())], crowdedSearch, window);

            var (units, total) = Measure(start, column, cost, supply, capacity, used);
            Assert.True(units >= 0, $"trial {trial}: a row or column over its limit");
            Assert.True(BruteForce(start, column, cost, supply, capacity) == (units, total), $"trial {trial}: got {(units, total)}");
        }
    }

    [Fact]
    public void Transportation_GivesTheCheapFreeColumn_WhenTheCheapestOneIsTaken_AndMovesAnEarlierUnitWhenThatIsCheaper()
    {
        // Row 0 has only column 0; row 1 prefers column 0 but can go to column 1 for a little more.
        int[] start = [0, 1, 3];
        int[] column = [0, 0, 1];
        long[] cost = [5, 0, 1];
        var used = new Transportation(start, column, cost, [1, 1]).Solve([1, 1], [1, 0]);
        Assert.Equal([true, false, true], used);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(int.MaxValue)]
    public void Transportation_AmongEqualCheapestColumns_TakesTheOneTheCallerListedFirst(int crowdedSearch)
    {
        // One row, its edges listed as columns 2 (dearer), 1 and 0 (equally cheap): the unit goes to column 1, listed
        // first of the cheapest; listed the other way round, to column 0.
        int[] start = [0, 3];
        int[] capacity = [1, 1, 1];
        var used = new Transportation(start, [2, 1, 0], [7, 3, 3], capacity).Solve([1], [0], crowdedSearch);
        Assert.Equal([false, true, false], used);
        var reversed = new Transportation(start, [2, 0, 1], [7, 3, 3], capacity).Solve([1], [0], crowdedSearch);
        Assert.Equal([false, true, false], reversed);
    }

    [Fact]
    public void Transportation_OnAPlateauOfEqualCosts_TakesTheFirstFreeColumnItReaches_InsteadOfSearchingThePlateau()
    {
        // Everyone is one of a few identical profiles: 600 rows, each with 30 columns at the same cost. Every unit has a
        // free column at the least cost near it; a search that kept every equally near node would settle the whole
        // plateau behind the columns already taken before taking it.
        const int rows = 600, columns = 700, degree = 30;
        var random = new Random(14);
        var start = new int[rows + 1];
        var column = new int[rows * degree];
        for (var r = 0; r < rows; r++)
        {
            start[r + 1] = start[r] + degree;
            var picked = Enumerable.Range(0, columns).OrderBy(_ => random.Next()).Take(degree).ToArray();
            picked.CopyTo(column, start[r]);
        }

        var transportation = new Transportation(start, column, new long[column.Length], [.. Enumerable.Repeat(1, columns)]);
        var used = transportation.Solve([.. Enumerable.Repeat(1, rows)], [.. Enumerable.Range(0, rows)], int.MaxValue);

        Assert.Equal(rows, used.Count(u => u));
        Assert.True(transportation.Settled < 2L * rows, $"{transportation.Settled} nodes settled to place {rows} units");
    }

    [Fact]
    public void Transportation_WhenOneByOneSearchesGrowLong_PlacesRowsInSharedBatches_ForTheSameOptimumWithFarLessWork()
    {
        // Like a roster with two and a half seats per mentee and few score levels: everyone prefers the same popular
        // columns, so later units walk long paths one search each, while batches of rows share one search per phase and
        // place many units along paths of equal cost.
        const int rows = 6000, columns = 6000, degree = 18;
        var random = new Random(50);
        var start = new int[rows + 1];
        var column = new List<int>();
        var cost = new List<long>();
        for (var r = 0; r < rows; r++)
        {
            foreach (var c in Enumerable.Range(0, degree).Select(_ => (int)(columns * Math.Pow(random.NextDouble(), 2))).Distinct().Order())
            {
                column.Add(c);
                cost.Add((c * 10 / columns) + random.Next(4));
            }

            start[r + 1] = column.Count;
        }

        int[] capacity = [.. Enumerable.Range(0, columns).Select(_ => random.Next(1, 5))];
        int[] supply = [.. Enumerable.Repeat(1, rows)];
        int[] order = [.. Enumerable.Range(0, rows)];
        var oneByOne = new Transportation(start, [.. column], [.. cost], capacity);
        var alone = oneByOne.Solve(supply, order, int.MaxValue, int.MaxValue);
        var batched = new Transportation(start, [.. column], [.. cost], capacity);
        var shared = batched.Solve(supply, order, int.MaxValue);

        Assert.Equal(Measure(start, column, cost, supply, capacity, alone), Measure(start, column, cost, supply, capacity, shared));
        Assert.True(batched.Work * 3 < oneByOne.Work * 2, $"batched {batched.Work}, one by one {oneByOne.Work}");
    }

    /// <summary>(units placed, their cost), or (-1, 0) when a row sends more than its supply or a column takes more than its room.</summary>
    private static (int Units, long Cost) Measure(int[] start, List<int> column, List<long> cost, int[] supply, int[] capacity, bool[] used)
    {
        var load = new int[capacity.Length];
        var units = 0;
        long total = 0;
        for (var r = 0; r + 1 < start.Length; r++)
        {
            var sent = 0;
            for (var e = start[r]; e < start[r + 1]; e++)
            {
                if (used[e])
                {
                    sent++;
                    load[column[e]]++;
                    total += cost[e];
                }
            }

            if (sent > supply[r])
            {
                return (-1, 0);
            }

            units += sent;
        }

        return load.Where((l, c) => l > capacity[c]).Any() ? (-1, 0) : (units, total);
    }

    /// <summary>Every subset of the edges (one unit each at most): the most units, then the least cost.</summary>
    private static (int Units, long Cost) BruteForce(int[] start, List<int> column, List<long> cost, int[] supply, int[] capacity)
    {
        var best = (Units: 0, Cost: 0L);
        for (var mask = 0; mask < 1 << column.Count; mask++)
        {
            var used = Enumerable.Range(0, column.Count).Select(e => (mask >> e & 1) != 0).ToArray();
            var (units, total) = Measure(start, column, cost, supply, capacity, used);
            if (units > best.Units || (units == best.Units && units >= 0 && total < best.Cost))
            {
                best = (units, total);
            }
        }

        return best;
    }
}
