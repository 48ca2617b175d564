using System.Text.Json.Serialization;

namespace PeerBot.Matching.Pairing;

/// <summary>One mentoring pair of a round, as in result.json: score out of 100 (by default) and the sentence on why.</summary>
public sealed record MentorPair(
    [property: JsonPropertyName("mentee")] string Mentee,
    [property: JsonPropertyName("mentor")] string Mentor,
    [property: JsonPropertyName("score")] double Score,
    [property: JsonPropertyName("why")] string Why)
{
    /// <summary>The same sentence written to the mentor alone ("you have 6 more years…"), when the round was asked for it.</summary>
    [JsonIgnore]
    public string? WhyToMentor { get; init; }
}
