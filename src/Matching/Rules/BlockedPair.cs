namespace PeerBot.Matching.Rules;

/// <summary>Two people who must never be paired (a request from either of them, or an admin decision).</summary>
public sealed record BlockedPair(string A, string B);
