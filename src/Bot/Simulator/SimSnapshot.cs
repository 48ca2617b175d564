using System.Text.Json.Nodes;

namespace PeerBot.Bot.Simulator;

/// <summary>What the page polls: new items and Web API calls since its last look, and the workspace's small lists.</summary>
public sealed record SimSnapshot(
    long Seq,
    IReadOnlyList<SimTeacher> Teachers,
    IReadOnlyList<SimConversation> Conversations,
    IReadOnlyList<SimItem> Items,
    IReadOnlyList<SimApiCall> Calls,
    IReadOnlyList<SimModal> Modals,
    IReadOnlyDictionary<string, JsonObject> Homes);
