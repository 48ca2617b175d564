namespace PeerBot.Matching.Ask;

/// <summary>A helpful answer saved as a tip: the question's tags and words, the answer, and its helper's name (never the asker's).</summary>
public sealed record SavedTip(Guid Id, IReadOnlyList<string> Tags, string Question, string Answer, string HelperName, DateTimeOffset AnsweredAt);
