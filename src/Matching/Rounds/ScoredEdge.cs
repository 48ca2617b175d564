namespace PeerBot.Matching.Rounds;

/// <summary>One candidate pair the engine considered (a row of <c>--edges</c>): mentee and mentor, or two peers.</summary>
public readonly record struct ScoredEdge(string A, string B, double Score);
