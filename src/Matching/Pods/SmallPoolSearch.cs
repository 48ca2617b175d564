namespace PeerBot.Matching.Pods;

/// <summary>
/// Exact pods for a handful of people (a team, a tiny school): tries every way to split them and keeps the one
/// that places the most people, then strays least from the target size, then has more (smaller) pods, then scores
/// highest. Repairs on a large
/// pool have many pods to trade with; in a pool of eight with a few blocks, only a full search is sure.
/// </summary>
internal static class SmallPoolSearch
{
    public const int MaxPeople = 10;

    /// <summary>Fills <paramref name="layout"/> with the best pods; returns the people left out.</summary>
    public static List<int> Solve(PodLayout layout, int people, int minimum, int maximum, int target)
    {
        var best = (Placed: -1, Deviation: int.MaxValue, Pods: 0, Points: long.MinValue, Groups: new List<List<int>>());
        var groups = new List<List<int>>();
        var used = new bool[people];
        Search(0, 0, 0);
        foreach (var group in best.Groups)
        {
            layout.Add(group);
        }

        return [.. Enumerable.Range(0, people).Where(p => layout.PodOf[p] < 0)];

        void Search(int placed, int deviation, long points)
        {
            var first = Array.IndexOf(used, false);
            if (first < 0)
            {
                if ((placed, -deviation, groups.Count, points).CompareTo((best.Placed, -best.Deviation, best.Pods, best.Points)) > 0)
                {
                    best = (placed, deviation, groups.Count, points, [.. groups.Select(g => g.ToList())]);
                }

                return;
            }

            var remaining = used.Count(u => !u);
            if (placed + remaining < best.Placed)
            {
                return;
            }

            used[first] = true;
            Grow([first], placed, deviation, points);

            // Or leave this person out, when nobody can be grouped with them.
            Search(placed, deviation, points);
            used[first] = false;
        }

        void Grow(List<int> group, int placed, int deviation, long points)
        {
            if (group.Count >= minimum)
            {
                groups.Add(group);
                Search(placed + group.Count, deviation + Math.Abs(group.Count - target), points + layout.InPodPoints(group));
                groups.RemoveAt(groups.Count - 1);
            }

            if (group.Count == maximum)
            {
                return;
            }

            for (var v = group[^1] + 1; v < people; v++)
            {
                if (used[v] || group.Any(g => !layout.Allows(g, v)))
                {
                    continue;
                }

                used[v] = true;
                Grow([.. group, v], placed, deviation, points);
                used[v] = false;
            }
        }
    }
}
