namespace PeerBot.Matching.Candidates;

/// <summary>For each query person, its best candidates (positions in the searched index), best first.</summary>
internal sealed class NeighbourLists(int queries, int stride)
{
    public int Stride { get; } = stride;

    public int[] Count { get; } = new int[queries];

    public int[] Item { get; } = new int[queries * stride];

    public int[] Points { get; } = new int[queries * stride];
}
