using PeerBot.Bot.Commands;
using PeerBot.Scheduler.Rounds;

namespace PeerBot.Bot.Rounds;

/// <summary><em>Pause…</em> on the heads-up: how long a break (1, 2 or 4 weeks).</summary>
public sealed class PauseChoiceAction : IActionHandler
{
    public string ActionId => RoundHeadsUp.PauseAction;

    public Task<CommandReply?> HandleAsync(ChatAction action, CancellationToken ct) => Task.FromResult<CommandReply?>(new MessageReply(RoundHeadsUp.PauseChoices()));
}
