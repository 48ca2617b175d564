using PeerBot.Matching.Candidates;

namespace PeerBot.Matching.Pods;

/// <summary>
/// Local improvement after pair-then-merge: swaps two people between pods, or moves one to a pod it fits better
/// when that brings sizes closer to the target, whenever the total in-pod compatibility rises and no recent or
/// blocked pair ends up together. Only candidate neighbours are tried, so a pass is linear in the graph.
/// </summary>
internal sealed class PodImprover(PodLayout layout, PeerGraph graph, int minimum, int maximum, int target)
{
    public const int MaxPasses = 6;

    /// <summary>Improves until a pass finds nothing or <see cref="MaxPasses"/> passes ran; returns the moves made.</summary>
    public int Run(int[] order)
    {
        var moves = 0;
        for (var pass = 0; pass < MaxPasses; pass++)
        {
            var before = moves;
            foreach (var x in order)
            {
                if (layout.PodOf[x] >= 0 && TryImprove(x))
                {
                    moves++;
                }
            }

            if (moves == before)
            {
                break;
            }
        }

        return moves;
    }

    private bool TryImprove(int x)
    {
        var a = layout.PodOf[x];
        var stay = layout.PointsWith(x, a);
        for (var i = graph.Start[x]; i < graph.Start[x + 1]; i++)
        {
            var y = graph.Neighbour[i];
            var b = layout.PodOf[y];
            if (b < 0 || b == a)
            {
                continue;
            }

            int sizeA = layout.Pods[a].Count, sizeB = layout.Pods[b].Count;
            if (sizeA - 1 >= minimum && sizeB + 1 <= maximum
                && Math.Abs(sizeA - 1 - target) + Math.Abs(sizeB + 1 - target) < Math.Abs(sizeA - target) + Math.Abs(sizeB - target)
                && layout.Fits(x, b)
                && layout.PointsWith(x, b) > stay)
            {
                layout.Leave(x);
                layout.Join(x, b);
                return true;
            }

            if (!layout.Fits(x, b, except: y) || !layout.Fits(y, a, except: x))
            {
                continue;
            }

            var gain = layout.PointsWith(x, b, except: y) + layout.PointsWith(y, a, except: x) - stay - layout.PointsWith(y, b);
            if (gain > 0)
            {
                layout.Leave(x);
                layout.Leave(y);
                layout.Join(x, b);
                layout.Join(y, a);
                return true;
            }
        }

        return false;
    }
}
