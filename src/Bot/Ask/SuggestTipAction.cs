using PeerBot.Bot.Commands;
using PeerBot.Scheduler.Ask;

namespace PeerBot.Bot.Ask;

/// <summary>"Suggest it as a tip", under the helper's "your answer helped": asks the asker, whose yes saves it.</summary>
public sealed class SuggestTipAction(HelperActions helpers) : IActionHandler
{
    public string ActionId => AskMessages.SuggestTipAction;

    public async Task<CommandReply?> HandleAsync(ChatAction action, CancellationToken ct) => await helpers.SuggestTipAsync(action, ct);
}
