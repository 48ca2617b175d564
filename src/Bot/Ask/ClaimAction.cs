using PeerBot.Bot.Commands;
using PeerBot.Scheduler.Ask;

namespace PeerBot.Bot.Ask;

/// <summary>"I can help".</summary>
public sealed class ClaimAction(HelperActions helpers) : IActionHandler
{
    public string ActionId => AskMessages.ClaimAction;

    public async Task<CommandReply?> HandleAsync(ChatAction action, CancellationToken ct) => await helpers.ClaimAsync(action, ct);
}
