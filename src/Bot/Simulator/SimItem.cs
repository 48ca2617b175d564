using System.Text.Json.Nodes;

namespace PeerBot.Bot.Simulator;

/// <summary>
/// One thing the page shows, in order: a message in a conversation, an ephemeral reply for one person, the command
/// someone typed, or a simulator note (something Slack would do differently, or an error on the way).
/// </summary>
/// <param name="Kind">"message", "ephemeral", "typed" or "note".</param>
/// <param name="From">The author's user id; <see cref="SimulatedWorkspace.BotUserId"/> for PeerBot.</param>
/// <param name="VisibleTo">Only this person sees it (ephemeral, typed, notes); null: everyone in the conversation.</param>
public sealed record SimItem(long Seq, string Kind, string Channel, string From, string? VisibleTo, string Text, JsonNode? Blocks, string Ts);
