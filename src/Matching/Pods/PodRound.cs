using System.Text.Json.Serialization;
using PeerBot.Matching.Rounds;

namespace PeerBot.Matching.Pods;

/// <summary>
/// The outcome of a pods round, shaped as result.json for <c>--mode pods</c>:
/// <c>{"mode":"pods","pods":[…],"unplaced":[…],"totalScore":…,"stats":{…}}</c>. The total is the sum of pod scores.
/// </summary>
public sealed record PodRound(
    [property: JsonPropertyName("pods")] IReadOnlyList<Pod> Pods,
    [property: JsonPropertyName("unplaced")] IReadOnlyList<UnplacedPeer> Unplaced,
    [property: JsonPropertyName("totalScore")] double TotalScore,
    [property: JsonPropertyName("stats")] PodRoundStats Stats,
    [property: JsonIgnore] ScoredEdgeList Edges)
{
    [JsonPropertyName("mode")]
    [JsonPropertyOrder(-1)]
    public string Mode => "pods";
}
