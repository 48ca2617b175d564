namespace PeerBot.Matching.Pods;

/// <summary>
/// How many pods a pool gets and how far their sizes may stray from the target: sizes as equal as possible,
/// at most one away from the target (a pair stays the smallest pod), fewest pods off target.
/// </summary>
internal static class PodSizing
{
    public static int Minimum(int people, int target) => Math.Max(2, Math.Min(target == 2 ? 2 : target - 1, people));

    public static int Maximum(int target) => target + 1;

    public static int PodCount(int people, int target)
    {
        if (people < 2)
        {
            return 0;
        }

        var best = 1;
        (int Deviation, int OffTarget, int Pods)? bestKey = null;
        foreach (var pods in new[] { people / target, (people + target - 1) / target })
        {
            if (pods < 1 || people / pods < 2)
            {
                continue;
            }

            int small = people / pods, large = (people + pods - 1) / pods, larger = people % pods;
            var deviation = Math.Max(Math.Abs(small - target), Math.Abs(large - target));
            var offTarget = (small != target ? pods - larger : 0) + (large != target && larger > 0 ? larger : 0);
            var key = (deviation, offTarget, -pods);
            if (bestKey is null || key.CompareTo(bestKey.Value) < 0)
            {
                bestKey = key;
                best = pods;
            }
        }

        return best;
    }
}
