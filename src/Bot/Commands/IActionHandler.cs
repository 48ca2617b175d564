using PeerBot.Scheduler.Workspaces;

namespace PeerBot.Bot.Commands;

/// <summary>Answers a click on a <see cref="Scheduler.Chat.ChatButton"/> with its action id.</summary>
public interface IActionHandler
{
    string ActionId { get; }

    Task<CommandReply?> HandleAsync(ChatAction action, CancellationToken ct);
}

/// <summary>A button click.</summary>
public sealed record ChatAction(Workspace Workspace, ChatCaller Caller, string ActionId, string Value, string Prefix = "");
