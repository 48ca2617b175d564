namespace PeerBot.Bot.Simulator;

/// <summary>A channel, a DM with PeerBot ("im") or a group DM ("mpim") in the simulated workspace.</summary>
public sealed record SimConversation(string Id, string Kind, string Name, IReadOnlyList<string> Members);
