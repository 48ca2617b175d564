using System.Text.Json.Serialization;
using PeerBot.Matching.Rounds;

namespace PeerBot.Matching.Pairing;

/// <summary>
/// The outcome of a mentor pairing round, shaped as result.json for <c>--mode mentor</c>:
/// <c>{"mode":"mentor","pairs":[…],"unmatched":[…],"totalScore":…,"stats":{…}}</c>.
/// </summary>
public sealed record MentorRound(
    [property: JsonPropertyName("pairs")] IReadOnlyList<MentorPair> Pairs,
    [property: JsonPropertyName("unmatched")] IReadOnlyList<UnmatchedMentee> Unmatched,
    [property: JsonPropertyName("totalScore")] double TotalScore,
    [property: JsonPropertyName("stats")] MentorRoundStats Stats,
    [property: JsonIgnore] ScoredEdgeList Edges)
{
    [JsonPropertyName("mode")]
    [JsonPropertyOrder(-1)]
    public string Mode => "mentor";
}
