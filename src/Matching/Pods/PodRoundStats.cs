using System.Text.Json.Serialization;

namespace PeerBot.Matching.Pods;

/// <summary>The numbers an admin previewing a pods round wants.</summary>
public sealed record PodRoundStats
{
    [JsonPropertyName("people")]
    public required int People { get; init; }

    [JsonPropertyName("pods")]
    public required int Pods { get; init; }

    [JsonPropertyName("podSize")]
    public required int PodSize { get; init; }

    /// <summary>How many pods have each size, e.g. {"3": 40, "4": 2}.</summary>
    [JsonPropertyName("sizes")]
    public required IReadOnlyDictionary<string, int> Sizes { get; init; }

    [JsonPropertyName("placed")]
    public required int Placed { get; init; }

    [JsonPropertyName("unplaced")]
    public required int Unplaced { get; init; }

    /// <summary>Mean compatibility over every pair of people who share a pod.</summary>
    [JsonPropertyName("meanPairScore")]
    public required double MeanPairScore { get; init; }

    /// <summary>"sparse" or "all".</summary>
    [JsonPropertyName("candidates")]
    public required string Candidates { get; init; }

    [JsonPropertyName("candidateEdges")]
    public required int CandidateEdges { get; init; }

    [JsonPropertyName("forbiddenPairs")]
    public required int ForbiddenPairs { get; init; }

    [JsonPropertyName("repeatWindowDays")]
    public required int RepeatWindowDays { get; init; }

    [JsonPropertyName("seed")]
    public required int Seed { get; init; }
}
