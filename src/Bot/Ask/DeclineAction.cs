using PeerBot.Bot.Commands;
using PeerBot.Scheduler.Ask;

namespace PeerBot.Bot.Ask;

/// <summary>"Not me".</summary>
public sealed class DeclineAction(HelperActions helpers) : IActionHandler
{
    public string ActionId => AskMessages.DeclineAction;

    public async Task<CommandReply?> HandleAsync(ChatAction action, CancellationToken ct) => await helpers.DeclineAsync(action, ct);
}
