using PeerBot.Scheduler.Chat;

namespace PeerBot.Bot.Commands;

/// <summary>What PeerBot answers; the adapter renders it for its platform.</summary>
public abstract record CommandReply;

/// <summary>A message only the caller sees (Slack ephemeral, Teams 1:1 reply).</summary>
public sealed record MessageReply(ChatMessage Message) : CommandReply;

/// <summary>Open a form for the caller (Slack modal, Teams Adaptive Card).</summary>
public sealed record FormReply(ChatForm Form) : CommandReply;
