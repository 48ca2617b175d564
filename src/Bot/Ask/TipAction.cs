using PeerBot.Bot.Commands;
using PeerBot.Scheduler.Ask;

namespace PeerBot.Bot.Ask;

/// <summary>"Save as a tip" after "This helped", or "Yes, save it as a tip" when the helper suggested it: the asker's own yes.</summary>
public sealed class TipAction(AskerActions asker) : IActionHandler
{
    public string ActionId => AskMessages.TipAction;

    public async Task<CommandReply?> HandleAsync(ChatAction action, CancellationToken ct) => await asker.SaveTipAsync(action, ct);
}
