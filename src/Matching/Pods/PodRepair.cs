using PeerBot.Matching.Candidates;

namespace PeerBot.Matching.Pods;

/// <summary>
/// Places the leftovers of the first draft: every pod below the minimum size (singles, and for pods of four the
/// pairs without a partner pair) joins the pod where it fits best — or, when that pod would grow too large, the two
/// are re-split into two pods of allowed sizes. A small pod that fits nowhere stays small; only a single person
/// who fits nowhere is left out, and reported.
/// </summary>
internal sealed class PodRepair(PodLayout layout, PeerGraph graph, int minimum, int maximum, int target, int seed)
{
    private const int FallbackScan = 20000;

    /// <summary>Repairs the layout; returns the people no pod could take.</summary>
    public List<int> Run()
    {
        var pending = new Queue<int>(Enumerable.Range(0, layout.Pods.Count)
            .Where(p => layout.Pods[p].Count > 0 && layout.Pods[p].Count < minimum)
            .OrderByDescending(p => layout.Pods[p].Count)
            .ThenBy(p => p));
        var left = new List<int>();
        while (pending.TryDequeue(out var pod))
        {
            var size = layout.Pods[pod].Count;
            if (size == 0 || size >= minimum)
            {
                continue;
            }

            var target = Place(pod);
            if (target >= 0)
            {
                if (layout.Pods[target].Count < minimum)
                {
                    pending.Enqueue(target);
                }
            }
            else if (size == 1)
            {
                left.Add(layout.Pods[pod][0]);
            }

            // A smaller pod that fits nowhere stays as it is: a pod of two beats leaving both out.
        }

        return left;
    }

    /// <summary>Moves <paramref name="pod"/> into the pod where it fits best; returns that pod, or -1.</summary>
    private int Place(int pod)
    {
        var members = layout.Pods[pod];
        var best = (Penalty: int.MaxValue, Gain: long.MinValue, Target: -1, Split: ((List<int>, List<int>)?)null);
        var seen = new HashSet<int> { pod };
        foreach (var m in members)
        {
            for (var i = graph.Start[m]; i < graph.Start[m + 1]; i++)
            {
                var other = layout.PodOf[graph.Neighbour[i]];
                if (other >= 0 && seen.Add(other))
                {
                    Consider(pod, other, ref best);
                }
            }
        }

        if (best.Target < 0)
        {
            // No candidate neighbour's pod works: look wider, in a seeded order.
            var order = SeededHash.Permutation(layout.Pods.Count, seed);
            for (var x = 0; x < order.Length && x < FallbackScan && best.Target < 0; x++)
            {
                if (seen.Add(order[x]) && layout.Pods[order[x]].Count > 0)
                {
                    Consider(pod, order[x], ref best);
                }
            }
        }

        if (best.Target < 0)
        {
            return -1;
        }

        var moving = members.ToList();
        foreach (var m in moving)
        {
            layout.Leave(m);
        }

        if (best.Split is var (first, second))
        {
            foreach (var m in layout.Pods[best.Target].ToList())
            {
                layout.Leave(m);
            }

            first.ForEach(m => layout.Join(m, best.Target));
            second.ForEach(m => layout.Join(m, pod));
        }
        else
        {
            moving.ForEach(m => layout.Join(m, best.Target));
        }

        return best.Target;
    }

    private void Consider(int pod, int other, ref (int Penalty, long Gain, int Target, (List<int>, List<int>)? Split) best)
    {
        var members = layout.Pods[pod];
        var into = layout.Pods[other];
        if (into.Count == 0)
        {
            return;
        }

        var combined = members.Count + into.Count;
        var before = Deviation(members.Count) + Deviation(into.Count);
        if (combined <= maximum)
        {
            if (members.All(m => layout.Fits(m, other)))
            {
                var gain = (long)members.Sum(m => layout.PointsWith(m, other));
                Keep(Deviation(combined) - before, gain, other, null, ref best);
            }

            return;
        }

        if (combined > 2 * maximum)
        {
            return;
        }

        var everyone = members.Concat(into).ToList();
        var split = BestSplit(everyone);
        if (split is { } found)
        {
            var gain = (long)layout.InPodPoints(found.First) + layout.InPodPoints(found.Second) - layout.InPodPoints(into);
            Keep(Deviation(found.First.Count) + Deviation(found.Second.Count) - before, gain, other, (found.First, found.Second), ref best);
        }
    }

    private static void Keep(int penalty, long gain, int target, (List<int>, List<int>)? split, ref (int Penalty, long Gain, int Target, (List<int>, List<int>)? Split) best)
    {
        if (penalty < best.Penalty || (penalty == best.Penalty && gain > best.Gain))
        {
            best = (penalty, gain, target, split);
        }
    }

    /// <summary>The best way to cut up to 2 × maximum people into two allowed pods of allowed sizes.</summary>
    private (List<int> First, List<int> Second)? BestSplit(List<int> everyone)
    {
        var n = everyone.Count;
        (List<int>, List<int>)? best = null;
        var bestPoints = long.MinValue;
        for (var mask = 1; mask < 1 << n; mask += 2)
        {
            var size = int.PopCount(mask);
            if (size < minimum || size > maximum || n - size < minimum || n - size > maximum)
            {
                continue;
            }

            var first = new List<int>(size);
            var second = new List<int>(n - size);
            for (var i = 0; i < n; i++)
            {
                ((mask >> i & 1) != 0 ? first : second).Add(everyone[i]);
            }

            if (!layout.AllAllowed(first) || !layout.AllAllowed(second))
            {
                continue;
            }

            var points = (long)layout.InPodPoints(first) + layout.InPodPoints(second);
            if (points > bestPoints)
            {
                bestPoints = points;
                best = (first, second);
            }
        }

        return best;
    }

    private int Deviation(int size) => Math.Abs(size - target) + (size < minimum ? minimum - size : 0);
}
