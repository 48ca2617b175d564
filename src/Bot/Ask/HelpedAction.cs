using PeerBot.Bot.Commands;
using PeerBot.Scheduler.Ask;

namespace PeerBot.Bot.Ask;

/// <summary>"This helped" under a relayed answer.</summary>
public sealed class HelpedAction(AskerActions asker) : IActionHandler
{
    public string ActionId => AskMessages.HelpedAction;

    public async Task<CommandReply?> HandleAsync(ChatAction action, CancellationToken ct) => await asker.HelpedAsync(action, ct);
}
