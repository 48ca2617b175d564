namespace PeerBot.Matching.Pulse;

/// <summary>One pulse as a report row: when it opened, its questions, and how many were asked and answered.</summary>
/// <param name="Invited">Members asked (participation records).</param>
/// <param name="Answered">Members who answered (participation records).</param>
public sealed record PulseRound(Guid PulseId, DateOnly Week, IReadOnlyList<PulseQuestion> Questions, int Invited, int Answered);
