namespace PeerBot.Matching.Solvers;

/// <summary>An undirected edge of a general matching problem.</summary>
internal readonly record struct WeightedEdge(int U, int V, long Weight);
