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
        var best = Option.None;
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

        if (best.Borrowed >= 0)
        {
            // One person moves over from a pod that can spare them; the small pod stays where it is.
            layout.Leave(best.Borrowed);
            layout.Join(best.Borrowed, pod);
            return pod;
        }

        var moving = members.ToList();
        foreach (var m in moving)
        {
            layout.Leave(m);
        }

        if (best.First is { } first && best.Second is { } second)
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

    private void Consider(int pod, int other, ref Option best)
    {
        var members = layout.Pods[pod];
        var into = layout.Pods[other];
        if (into.Count == 0)
        {
            return;
        }

        var combined = members.Count + into.Count;
        var before = Deviation(members.Count) + Deviation(into.Count);
        if (combined <= maximum && members.All(m => layout.Fits(m, other)))
        {
            var gain = (long)members.Sum(m => layout.PointsWith(m, other));
            best = best.OrBetter(new Option(Deviation(combined) - before, gain, other));
        }

        if (into.Count > minimum)
        {
            // Borrow one person from a pod that stays big enough without them.
            foreach (var z in into)
            {
                if (layout.Fits(z, pod))
                {
                    var gain = (long)layout.PointsWith(z, pod) - layout.PointsWith(z, other);
                    best = best.OrBetter(new Option(Deviation(members.Count + 1) + Deviation(into.Count - 1) - before, gain, other) { Borrowed = z });
                }
            }
        }

        if (combined > maximum && combined <= 2 * maximum && BestSplit([.. members, .. into]) is { } split)
        {
            var gain = (long)layout.InPodPoints(split.First) + layout.InPodPoints(split.Second) - layout.InPodPoints(into);
            best = best.OrBetter(new Option(Deviation(split.First.Count) + Deviation(split.Second.Count) - before, gain, other)
            {
                First = split.First,
                Second = split.Second,
            });
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

    /// <summary>One way to place a small pod: join <see cref="Target"/>, re-split with it, or borrow one of its members.</summary>
    private sealed record Option(int Penalty, long Gain, int Target)
    {
        public static readonly Option None = new(int.MaxValue, long.MinValue, -1);

        public int Borrowed { get; init; } = -1;

        public List<int>? First { get; init; }

        public List<int>? Second { get; init; }

        /// <summary>Sizes closer to the target first, then more compatibility.</summary>
        public Option OrBetter(Option other) =>
            other.Penalty < Penalty || (other.Penalty == Penalty && other.Gain > Gain) ? other : this;
    }
}
