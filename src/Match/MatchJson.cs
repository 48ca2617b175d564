using System.Text.Json.Serialization;
using PeerBot.Matching.Pairing;
using PeerBot.Matching.Pods;

namespace PeerBot.MatchTool;

/// <summary>
/// result.json's contract, generated at compile time: a short <c>match</c> process writes its file without first
/// building a serializer by reflection (which emitted and compiled code on every run).
/// </summary>
[JsonSerializable(typeof(MentorRound))]
[JsonSerializable(typeof(PodRound))]
internal sealed partial class MatchJson : JsonSerializerContext;
