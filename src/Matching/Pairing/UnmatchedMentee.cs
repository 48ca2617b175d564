using System.Text.Json.Serialization;

namespace PeerBot.Matching.Pairing;

/// <summary>A mentee the round could not pair, and why (never silently dropped).</summary>
public sealed record UnmatchedMentee(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("reason")] string Reason);
