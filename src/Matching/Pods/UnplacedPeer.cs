using System.Text.Json.Serialization;

namespace PeerBot.Matching.Pods;

/// <summary>Someone no pod could take, and why (never silently dropped).</summary>
public sealed record UnplacedPeer(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("reason")] string Reason);
