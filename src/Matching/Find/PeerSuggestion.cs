namespace PeerBot.Matching.Find;

/// <summary>One "find" result: who, how relevant (0–100), and a short reason to say hi.</summary>
public sealed record PeerSuggestion(string Id, string Name, double Score, string Reason);

/// <summary>A broader "find" topic, and how many people it finds.</summary>
public sealed record TopicSuggestion(string Topic, int People);
