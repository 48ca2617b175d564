namespace PeerBot.Matching.Candidates;

/// <summary>Candidate peer pairs (A &lt; B, each once) with their points, and each person's neighbours (CSR).</summary>
internal sealed class PeerGraph
{
    public PeerGraph(int people, int[] a, int[] b, int[] points)
    {
        A = a;
        B = b;
        Points = points;
        Start = new int[people + 1];
        foreach (var x in a)
        {
            Start[x + 1]++;
        }

        foreach (var y in b)
        {
            Start[y + 1]++;
        }

        for (var i = 0; i < people; i++)
        {
            Start[i + 1] += Start[i];
        }

        Neighbour = new int[2 * a.Length];
        NeighbourPoints = new int[2 * a.Length];
        var fill = (int[])Start.Clone();
        for (var e = 0; e < a.Length; e++)
        {
            Neighbour[fill[a[e]]] = b[e];
            NeighbourPoints[fill[a[e]]++] = points[e];
            Neighbour[fill[b[e]]] = a[e];
            NeighbourPoints[fill[b[e]]++] = points[e];
        }
    }

    /// <summary>From rows already built: each person's neighbours in increasing order, the pairs in (A, B) order.</summary>
    public PeerGraph(int[] a, int[] b, int[] points, int[] start, int[] neighbour, int[] neighbourPoints)
    {
        (A, B, Points, Start, Neighbour, NeighbourPoints) = (a, b, points, start, neighbour, neighbourPoints);
    }

    public int[] A { get; }

    public int[] B { get; }

    public int[] Points { get; }

    public int EdgeCount => A.Length;

    /// <summary>Person i's neighbours are Neighbour[Start[i]..Start[i+1]].</summary>
    public int[] Start { get; }

    public int[] Neighbour { get; }

    public int[] NeighbourPoints { get; }
}
