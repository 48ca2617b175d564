namespace PeerBot.Matching.Scoring;

/// <summary>Someone not free for a near miss: free from a moment after its start, or until a moment before its end.</summary>
public sealed record NearMissGap(string Name, DateTimeOffset? FreeFrom, DateTimeOffset? FreeUntil);
