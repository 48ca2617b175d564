namespace PeerBot.Matching.Pulse;

/// <summary>One question in one shown cell: the mean and how many chose 1, 2, 3, 4 and 5.</summary>
public sealed record QuestionSummary(string Key, string Text, double Mean, IReadOnlyList<int> Distribution);
