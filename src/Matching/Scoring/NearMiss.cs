namespace PeerBot.Matching.Scoring;

/// <summary>A 20-minute meeting some of a group are free for, and how far the others are from it.</summary>
public sealed record NearMiss(DateTimeOffset Start, DateTimeOffset End, IReadOnlyList<NearMissGap> Gaps);
