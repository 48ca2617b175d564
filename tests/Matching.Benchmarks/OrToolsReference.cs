using Google.OrTools.Graph;
using PeerBot.Matching.Candidates;

namespace PeerBot.Matching.Benchmarks;

/// <summary>
/// The exact reference for mentor assignment: OR-Tools' min-cost flow (cost scaling) solving the same candidate
/// graph as a maximum flow of minimum cost. Returns (pairs, total points) to compare with the engine's solver.
/// </summary>
internal static class OrToolsReference
{
    public static (int Pairs, long Points) Solve(BipartiteGraph graph, int[] capacity)
    {
        int left = graph.Left, right = capacity.Length, source = left + right, sink = source + 1;
        var maxPoints = graph.Points.Max();
        using var flow = new MinCostFlow();
        for (var i = 0; i < left; i++)
        {
            for (var e = graph.Start[i]; e < graph.Start[i + 1]; e++)
            {
                flow.AddArcWithCapacityAndUnitCost(i, left + graph.Right[e], 1, maxPoints - graph.Points[e]);
            }
        }

        for (var i = 0; i < left; i++)
        {
            flow.AddArcWithCapacityAndUnitCost(source, i, 1, 0);
        }

        for (var r = 0; r < right; r++)
        {
            flow.AddArcWithCapacityAndUnitCost(left + r, sink, capacity[r], 0);
        }

        flow.SetNodeSupply(source, left);
        flow.SetNodeSupply(sink, -left);
        var status = flow.SolveMaxFlowWithMinCost();
        if (status != MinCostFlowBase.Status.OPTIMAL)
        {
            throw new InvalidOperationException($"OR-Tools ended with {status}");
        }

        var pairs = (int)flow.MaximumFlow();
        return (pairs, (pairs * (long)maxPoints) - flow.OptimalCost());
    }
}
