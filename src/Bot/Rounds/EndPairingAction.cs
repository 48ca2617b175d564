using PeerBot.Bot.Commands;
using PeerBot.Scheduler.Chat;
using PeerBot.Scheduler.Persistence;
using PeerBot.Scheduler.Rounds;

namespace PeerBot.Bot.Rounds;

/// <summary>"Not a good fit" / "End this pairing": any member may end it; no more nudges for it.</summary>
public sealed class EndPairingAction(UnitOfWorkSource units, PairingStore pairings, TimeProvider clock) : IActionHandler
{
    public string ActionId => Introductions.EndAction;

    public async Task<CommandReply?> HandleAsync(ChatAction action, CancellationToken ct)
    {
        if (!Guid.TryParse(action.Value, out var id)
            || await pairings.FindAsync(id, ct) is not { } pairing
            || pairing.WorkspaceId != action.Workspace.Id
            || !pairing.UserIds.Contains(action.Caller.UserId))
        {
            return new MessageReply(ChatMessage.Plain("That pairing isn't yours, or it has already ended."));
        }

        await using var work = await units.BeginAsync(ct);
        var ended = await PairingStore.TransitionAsync(work, id, PairingStatus.Active, PairingStatus.Ended, clock.GetUtcNow(), ct);
        await work.CommitAsync(ct);
        return new MessageReply(ChatMessage.Plain(ended
            ? "Done — this pairing has ended and there will be no more check-ins for it. Thank you for giving it a go; the next round will find you someone new."
            : "That pairing has already ended."));
    }
}
