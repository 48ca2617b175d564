namespace PeerBot.Matching.Pulse;

/// <summary>One pulse as a report row: when it opened, its questions, how many were asked and answered, and whether it is still open.</summary>
/// <param name="Invited">Members asked (participation records while open, frozen at close).</param>
/// <param name="Answered">Members who answered (participation records while open, frozen at close).</param>
/// <param name="IsOpen">Still taking answers: a report shows its participation only, never an answer figure.</param>
public sealed record PulseRound(Guid PulseId, DateOnly Week, IReadOnlyList<PulseQuestion> Questions, int Invited, int Answered, bool IsOpen = false);
