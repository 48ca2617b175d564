using PeerBot.Matching.Rules;

namespace PeerBot.MatchTool;

/// <summary>A history.csv read: the past pairings, and every line that could not be read.</summary>
public sealed record PairingHistory(IReadOnlyList<PastPairing> Pairings, IReadOnlyList<RejectedLine> Rejected);
