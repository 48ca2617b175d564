using Google.OrTools.Graph;
using PeerBot.Matching.Candidates;

namespace PeerBot.Matching.Solvers;

/// <summary>
/// Exact capacitated assignment on a bipartite candidate graph: as many left nodes matched as possible, and among
/// those the highest total points. Solved as a maximum flow of minimum cost (source → left → right → sink) with
/// OR-Tools' cost-scaling min-cost-flow, which is exact on integer costs.
/// </summary>
internal static class MinCostAssignment
{
    /// <param name="graph">Candidate edges, grouped by left node.</param>
    /// <param name="capacity">How many left nodes each right node takes.</param>
    /// <param name="leftOrder">Order the left nodes are handed to the solver: the seed's say in ties between equal optima.</param>
    /// <returns>For each left node, the index of its chosen edge, or -1.</returns>
    public static int[] Solve(BipartiteGraph graph, int[] capacity, int[] leftOrder)
    {
        var left = graph.Left;
        var right = capacity.Length;
        var chosen = new int[left];
        Array.Fill(chosen, -1);
        if (graph.EdgeCount == 0)
        {
            return chosen;
        }

        var maxPoints = 0;
        foreach (var p in graph.Points)
        {
            maxPoints = Math.Max(maxPoints, p);
        }

        int source = left + right, sink = left + right + 1;
        using var flow = new MinCostFlow();
        var edgeOfArc = new int[graph.EdgeCount];
        var leftOfArc = new int[graph.EdgeCount];
        var arcs = 0;
        foreach (var i in leftOrder)
        {
            for (var e = graph.Start[i]; e < graph.Start[i + 1]; e++)
            {
                // Costs are the shortfall from the best score, so they are non-negative; with a fixed flow value
                // minimising the shortfall is maximising the total.
                flow.AddArcWithCapacityAndUnitCost(i, left + graph.Right[e], 1, maxPoints - graph.Points[e]);
                leftOfArc[arcs] = i;
                edgeOfArc[arcs++] = e;
            }
        }

        for (var i = 0; i < left; i++)
        {
            flow.AddArcWithCapacityAndUnitCost(source, i, 1, 0);
        }

        for (var r = 0; r < right; r++)
        {
            if (capacity[r] > 0)
            {
                flow.AddArcWithCapacityAndUnitCost(left + r, sink, capacity[r], 0);
            }
        }

        flow.SetNodeSupply(source, left);
        flow.SetNodeSupply(sink, -left);
        var status = flow.SolveMaxFlowWithMinCost();
        if (status != MinCostFlowBase.Status.OPTIMAL)
        {
            throw new InvalidOperationException($"Min-cost flow ended with {status}.");
        }

        for (var arc = 0; arc < arcs; arc++)
        {
            if (flow.Flow(arc) > 0)
            {
                chosen[leftOfArc[arc]] = edgeOfArc[arc];
            }
        }

        return chosen;
    }
}
