namespace PeerBot.Matching.Candidates;

/// <summary>Candidate mentee–mentor edges, grouped by mentee (CSR): mentee i's edges are Start[i]..Start[i+1].</summary>
internal sealed class BipartiteGraph(int[] start, int[] right, int[] points)
{
    public int Left => Start.Length - 1;

    public int[] Start { get; } = start;

    /// <summary>The mentor (position in the mentor list) of each edge.</summary>
    public int[] Right { get; } = right;

    /// <summary>Compatibility of each edge, in centipoints.</summary>
    public int[] Points { get; } = points;

    public int EdgeCount => Right.Length;
}
