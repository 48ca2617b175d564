namespace PeerBot.Matching.Rules;

/// <summary>Two people who were paired (mentoring or pod) on <paramref name="Date"/>; order does not matter.</summary>
public sealed record PastPairing(string A, string B, DateOnly Date);
