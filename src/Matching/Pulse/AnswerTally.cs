namespace PeerBot.Matching.Pulse;

/// <summary>How many answers a pulse got with one value on one question from one cohort — the only shape answers are read in.</summary>
/// <param name="Cohort">The cohort the answer was given in, or null for members without one.</param>
/// <param name="Question">The question's position in its pulse.</param>
public sealed record AnswerTally(Guid PulseId, string? Cohort, int Question, int Value, int Count);
