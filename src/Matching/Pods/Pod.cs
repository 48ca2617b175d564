using System.Text.Json.Serialization;

namespace PeerBot.Matching.Pods;

/// <summary>One pod of a round, as in result.json: its members, mean pairwise score, and the sentence on why.</summary>
public sealed record Pod(
    [property: JsonPropertyName("members")] IReadOnlyList<string> Members,
    [property: JsonPropertyName("score")] double Score,
    [property: JsonPropertyName("why")] string Why);
