using System.Text.Json.Nodes;

namespace PeerBot.Bot.Simulator;

/// <summary>A modal open in front of one person (views.open), with the Block Kit view PeerBot sent.</summary>
public sealed record SimModal(string ViewId, string UserId, JsonObject View);
