using System.Text.Json.Serialization;

namespace PeerBot.Matching.Pairing;

/// <summary>The numbers an admin previewing a round wants: who was there, how many were paired, how well.</summary>
public sealed record MentorRoundStats
{
    [JsonPropertyName("mentees")]
    public required int Mentees { get; init; }

    [JsonPropertyName("mentors")]
    public required int Mentors { get; init; }

    /// <summary>Seats: the mentors' capacities added up.</summary>
    [JsonPropertyName("seats")]
    public required int Seats { get; init; }

    [JsonPropertyName("matched")]
    public required int Matched { get; init; }

    [JsonPropertyName("unmatched")]
    public required int Unmatched { get; init; }

    [JsonPropertyName("meanScore")]
    public required double MeanScore { get; init; }

    /// <summary>"sparse" or "all".</summary>
    [JsonPropertyName("candidates")]
    public required string Candidates { get; init; }

    [JsonPropertyName("candidateEdges")]
    public required int CandidateEdges { get; init; }

    /// <summary>Pairs ruled out by the repeat window or a block, among the people present.</summary>
    [JsonPropertyName("forbiddenPairs")]
    public required int ForbiddenPairs { get; init; }

    [JsonPropertyName("repeatWindowDays")]
    public required int RepeatWindowDays { get; init; }

    [JsonPropertyName("seed")]
    public required int Seed { get; init; }
}
