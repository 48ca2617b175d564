namespace PeerBot.Scheduler.Ask;

/// <summary>What coaches see of "ask a colleague": counts only — never a question, an answer, or who asked.</summary>
/// <param name="MedianToFirstAnswer">Null when no question was answered in the period.</param>
public sealed record AskHealth(int Asked, int Answered, TimeSpan? MedianToFirstAnswer);
